namespace Speech.Core.Data.Synthesis;

/// <summary>One synthetic speaker: a voice of a text-to-speech engine (an espeak-ng voice+variant
/// by default) with its own pitch (0-99, 50 = the voice's own) and speed (words per minute).</summary>
public sealed record SynthesisVoice(string Voice, int Pitch, int WordsPerMinute, string Engine = EspeakNgEngine.EngineName)
{
    /// <summary>English voices and variants espeak-ng ships (male and female variants, several
    /// accents); training speakers cycle through them, pitch and speed make repeats distinct.</summary>
    public static readonly IReadOnlyList<string> EnglishVoices = new[]
    {
        "en-us+m3", "en-gb+f2", "en-gb-scotland+m1", "en-us+f4", "en-gb-x-rp+m5", "en-029+f1",
        "en-gb-x-gbclan+m2", "en-us+f3", "en-gb-x-gbcwmd+m4", "en-gb+f5", "en-us+m7", "en-gb-x-rp+f4",
    };

    /// <summary><c>engine:voice</c>, as in <see cref="VoicePools"/>.</summary>
    public string Label => $"{Engine}:{Voice}";
}
