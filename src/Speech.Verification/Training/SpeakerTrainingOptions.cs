using Speech.Verification.Model;

namespace Speech.Verification.Training;

/// <summary>One speaker-model training run: data, architecture, distillation, optimiser.</summary>
public sealed record SpeakerTrainingOptions
{
    public required string TrainManifest { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>The architecture; <c>num_speakers</c> is set from the training data.</summary>
    public SpeakerTransformerConfig Model { get; init; } = new();
    /// <summary>A trained model folder (frozen) for hard or soft distillation.</summary>
    public string? TeacherFolder { get; init; }
    public DistillationKind Distillation { get; init; } = DistillationKind.None;
    /// <summary>Weight of the distillation term (DeiT: 0.5).</summary>
    public double Alpha { get; init; } = 0.5;
    /// <summary>Soft distillation temperature (DeiT: 1).</summary>
    public double Temperature { get; init; } = 1.0;
    public long Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 32;
    /// <summary>Training crops (fbank frames, 10 ms each); eval embeds whole utterances.</summary>
    public int MaxFrames { get; init; } = 300;
    public double LearningRate { get; init; } = 1e-3;
    public long WarmupSteps { get; init; } = 100;
    public double WeightDecay { get; init; } = 0.01;
    public long CheckpointEvery { get; init; } = 200;
    public long Seed { get; init; } = 1234;
}
