using System.Text.Json.Serialization;
using Speech.Core.Training;

namespace Speech.Captioning.Training;

/// <summary>The <c>training:</c> section of a captioning recipe.</summary>
public sealed record CaptionTrainingOptions
{
    [JsonPropertyName("steps")] public long Steps { get; init; } = 2000;
    /// <summary>Peak AdamW learning rate after linear warm-up (the reference warms up over a fifth of training).</summary>
    [JsonPropertyName("lr")] public double LearningRate { get; init; } = 1e-3;
    [JsonPropertyName("warmup")] public long Warmup { get; init; } = 200;
    [JsonPropertyName("schedule")] public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 0.01;
    /// <summary>Seconds of audio per batch; keep ≥ 16 clips a batch so InfoNCE has negatives.</summary>
    [JsonPropertyName("max_duration")] public double MaxDuration { get; init; } = 100;
    [JsonPropertyName("seed")] public int Seed { get; init; } = 1;
    [JsonPropertyName("checkpoint_every")] public long CheckpointEvery { get; init; } = 250;
    /// <summary>SpecAugment (two time and two frequency masks, the paper's 64×2 / 8×2 scaled down).</summary>
    [JsonPropertyName("spec_augment")] public bool SpecAugment { get; init; } = true;
}
