namespace Speech.Verification.Corpus;

/// <summary>One synthetic speaker: an espeak-ng voice and variant with its own espeak pitch (0–99)
/// and rate (words per minute), then a sox pitch shift (cents) and a one-band equaliser (centre
/// frequency, gain in dB) that moves the timbre.</summary>
public sealed record SyntheticSpeaker(string Id, string Voice, int Pitch, int WordsPerMinute, int PitchShiftCents, int EqualizerHz, double EqualizerGainDb)
{
    /// <summary>espeak-ng base voices (accents) and variants (male, female, character voices) the
    /// speakers are drawn from.</summary>
    public static readonly IReadOnlyList<string> BaseVoices = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan", "en-gb-x-gbcwmd"];
    public static readonly IReadOnlyList<string> Variants =
        ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "f5", "klatt", "klatt2", "croak", "whisper"];
}
