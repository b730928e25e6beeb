namespace Speech.Core.Data.Synthesis;

/// <summary>What <see cref="MiniCorpusSynthesizer"/> makes. Defaults give the committed
/// recipes/mini/data corpus (about 3 MB).</summary>
public sealed record SynthesisOptions
{
    /// <summary>Distinct synthetic speakers (voice, pitch and speed each).</summary>
    public int Speakers { get; init; } = 10;

    public int UtterancesPerSpeaker { get; init; } = 12;

    /// <summary>Speakers held out for dev and for test (the rest train); split by speaker so no
    /// voice is shared across splits.</summary>
    public int DevSpeakers { get; init; } = 1;

    public int TestSpeakers { get; init; } = 1;

    /// <summary>Sentences have this many words (short ones: many utterances per MB).</summary>
    public int MinWords { get; init; } = 3;

    public int MaxWords { get; init; } = 6;

    public int SampleRate { get; init; } = 16000;

    /// <summary>Fixes sentence choice and speaker pitch/speed; the same seed gives the same corpus.</summary>
    public int Seed { get; init; } = 1;
}
