using Speech.Core.Training;

namespace Speech.Core.Text.Bert;

/// <summary>The <c>training:</c> section of a BERT recipe.</summary>
public sealed record BertTrainingOptions
{
    public long Steps { get; init; } = 3000;
    /// <summary>Peak AdamW learning rate after warm-up (Futami et al.: 1e-4 for their larger model).</summary>
    public double Lr { get; init; } = 5e-4;
    public long Warmup { get; init; } = 200;
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Linear;
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>Sentences per batch.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Share of tokens chosen for prediction in each batch (BERT: 15 %, 80/10/10 [MASK]/random/kept).</summary>
    public double MaskProbability { get; init; } = 0.15;
    public int Seed { get; init; } = 1;
    public long CheckpointEvery { get; init; } = 500;
    public int KeepLast { get; init; } = 2;
}
