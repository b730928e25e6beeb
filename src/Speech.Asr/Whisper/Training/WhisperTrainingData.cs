using Speech.Core.Data;

namespace Speech.Asr.Whisper.Training;

/// <summary>What a <see cref="WhisperTrainingRun"/> trains on: a manifest in bucketed batches of
/// <paramref name="MaxDuration"/> seconds of audio, each cut's text (its transcript, or what
/// <see cref="TextOf"/> picks: a pseudo-label), and the optional extras.</summary>
public sealed record WhisperTrainingData(string ManifestPath, double MaxDuration)
{
    /// <summary>The text a cut trains on; null: its transcript.</summary>
    public Func<Cut, string?>? TextOf { get; init; }
    /// <summary>Given the cuts that train, each cut's previous-text prompt (null: none).</summary>
    public Func<IReadOnlyList<Cut>, Func<Cut, string?>>? PreviousOf { get; init; }
    /// <summary>Seconds of silence between a speaker's cuts packed into one window; null: no packing.</summary>
    public double? PackGapSeconds { get; init; }
    /// <summary>With packing, every cut also trains alone.</summary>
    public bool PackKeepsSingles { get; init; }
    public WhisperAugmentation? Augmentation { get; init; }
}
