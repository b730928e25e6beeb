namespace Speech.Verification.Corpus;

/// <summary>What <see cref="TextDependentCorpusSynthesizer"/> makes: an RSR2015-like fixed-phrase corpus.</summary>
public sealed record TextDependentCorpusOptions
{
    /// <summary>Synthetic speakers; the last <see cref="EvalSpeakers"/> are held out (speaker-disjoint).</summary>
    public int Speakers { get; init; } = 40;
    public int EvalSpeakers { get; init; } = 12;
    /// <summary>Fixed phrases every speaker says (at most <see cref="TextDependentPhrases.All"/>'s count).</summary>
    public int Phrases { get; init; } = 5;
    /// <summary>Repetitions of each phrase: the first enrols, the rest are test utterances.</summary>
    public int Repetitions { get; init; } = 4;
    /// <summary>Impostor (other speaker, same phrase) and wrong-phrase (same speaker, other phrase)
    /// trials kept per target trial, drawn at random; 0 keeps all.</summary>
    public int NontargetsPerTarget { get; init; } = 10;
    public int SampleRate { get; init; } = 16000;
    /// <summary>Fixes voices, perturbations and trial sampling; the same seed gives the same corpus.</summary>
    public int Seed { get; init; } = 1;
}
