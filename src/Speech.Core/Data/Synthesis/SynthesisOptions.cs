namespace Speech.Core.Data.Synthesis;

/// <summary>What <see cref="MiniCorpusSynthesizer"/> makes. Defaults give the committed
/// recipes/mini/data corpus (about 3 MB).</summary>
public sealed record SynthesisOptions
{
    /// <summary>Distinct synthetic speakers (voice, pitch and speed each).</summary>
    public int Speakers { get; init; } = 10;

    public int UtterancesPerSpeaker { get; init; } = 12;

    /// <summary>Speakers held out for dev and for test (the rest train); split by speaker so no
    /// voice is shared across splits. All speakers may be held out (an evaluation-only corpus).</summary>
    public int DevSpeakers { get; init; } = 1;

    public int TestSpeakers { get; init; } = 1;

    /// <summary>Sentences have this many words (short ones: many utterances per MB).</summary>
    public int MinWords { get; init; } = 3;

    public int MaxWords { get; init; } = 6;

    public int SampleRate { get; init; } = 16000;

    /// <summary>The bible passages sentences are cut from (<see cref="KjvSentenceSource.Named"/>).</summary>
    public string Passages { get; init; } = "mini";

    /// <summary>Sentences never spoken (e.g. a test set's transcripts, so a model trained on this
    /// corpus is tested on sentences it has not heard). Compared after upper-casing.</summary>
    public IReadOnlySet<string> ExcludedSentences { get; init; } = new HashSet<string>();

    /// <summary>Words to cover: before the random fill, up to two sentences holding each of these
    /// words (where the pool has them) are spoken by the training speakers, so a held-out test set's
    /// vocabulary is heard in training although its sentences are not (a closed-vocabulary task,
    /// as WSJ's 5k test is).</summary>
    public IReadOnlySet<string> CoveredWords { get; init; } = new HashSet<string>();

    /// <summary>When not empty, only sentences made wholly of these words are spoken: an evaluation
    /// set for a model trained on other sentences with this vocabulary (a closed-vocabulary task).</summary>
    public IReadOnlySet<string> Vocabulary { get; init; } = new HashSet<string>();

    /// <summary>The voice pool speakers cycle through (<see cref="VoicePools.Named"/>).</summary>
    public string Voices { get; init; } = VoicePools.Training;

    /// <summary>False (the default): every utterance has its own sentence. True: each speaker reads
    /// its own random choice from the whole pool, so speakers share sentences, as readers of one book
    /// do, and the corpus can hold more utterances than there are sentences.</summary>
    public bool ReuseSentences { get; init; }

    /// <summary>Fixes sentence choice and speaker pitch/speed; the same seed gives the same corpus.</summary>
    public int Seed { get; init; } = 1;
}
