namespace Speech.Core.Training;

/// <summary>How the one training loop runs. Defaults follow common speech-KD practice
/// (distil-whisper: AdamW β 0.9/0.999, ε 1e-8, clip 1.0, warm-up then linear decay).</summary>
public sealed record TrainerOptions
{
    /// <summary>Folder of checkpoints (checkpoints/), metrics.jsonl and tensorboard/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Optimizer steps in all (each of <see cref="GradientAccumulation"/> batches).</summary>
    public long MaxSteps { get; init; } = 1000;
    public double LearningRate { get; init; } = 1e-4;
    public double WeightDecay { get; init; } = 0.0;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Linear;
    public long WarmupSteps { get; init; } = 0;
    public int GradientAccumulation { get; init; } = 1;
    /// <summary>Global gradient-norm clip; 0 turns clipping off.</summary>
    public double ClipNorm { get; init; } = 1.0;
    public Precision Precision { get; init; } = Precision.Fp32;
    public long Seed { get; init; } = 1234;
    /// <summary>Save a checkpoint every this many steps (and at the end); 0: only at the end.</summary>
    public long CheckpointEvery { get; init; } = 500;
    /// <summary>Step checkpoints kept besides the best one.</summary>
    public int KeepLast { get; init; } = 3;
    public long LogEvery { get; init; } = 10;
    /// <summary>Non-finite steps in a row after which the run stops (each is skipped and counted).</summary>
    public int MaxBadStepsInRow { get; init; } = 20;
    /// <summary>Write TensorBoard event files beside metrics.jsonl.</summary>
    public bool TensorBoard { get; init; } = true;
    /// <summary>Exponential moving average of the weights kept during training (0 = off), e.g. 0.999.</summary>
    public double EmaDecay { get; init; } = 0.0;

    /// <summary>Options that must not change across a resume (the checkpoint stores their hash).</summary>
    public string Fingerprint() => string.Join("|", LearningRate, WeightDecay, Beta1, Beta2, Epsilon, Schedule, WarmupSteps,
        GradientAccumulation, ClipNorm, Precision, Seed, EmaDecay);
}
