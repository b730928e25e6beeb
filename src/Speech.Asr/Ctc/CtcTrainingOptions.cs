using System.Text.Json.Serialization;
using Speech.Core.Training;

namespace Speech.Asr.Ctc;

/// <summary>The <c>training:</c> section of a CTC recipe (conf/*.yaml).</summary>
public sealed record CtcTrainingOptions
{
    [JsonPropertyName("steps")] public long Steps { get; init; } = 3000;
    /// <summary>Peak AdamW learning rate, after linear warm-up.</summary>
    [JsonPropertyName("lr")] public double LearningRate { get; init; } = 1e-3;
    [JsonPropertyName("warmup")] public long Warmup { get; init; } = 300;
    [JsonPropertyName("schedule")] public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 0.01;
    /// <summary>Seconds of audio per batch (dynamic bucketing).</summary>
    [JsonPropertyName("max_duration")] public double MaxDuration { get; init; } = 60;
    /// <summary>auto, fp32 or bf16, resolved for the device as <c>--precision</c> is (<c>PrecisionChoice</c>:
    /// auto = bf16 where the hardware computes it natively).</summary>
    [JsonPropertyName("precision")] public string Precision { get; init; } = "fp32";
    [JsonPropertyName("seed")] public int Seed { get; init; } = 1;
    [JsonPropertyName("checkpoint_every")] public long CheckpointEvery { get; init; } = 250;
    /// <summary>Step checkpoints kept (older ones deleted): each holds the weights and AdamW's two moments.</summary>
    [JsonPropertyName("keep_last")] public int KeepLast { get; init; } = 3;
    /// <summary>SpecAugment on the training features (two frequency and two time masks).</summary>
    [JsonPropertyName("spec_augment")] public bool SpecAugment { get; init; } = true;
}
