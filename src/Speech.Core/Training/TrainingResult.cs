namespace Speech.Core.Training;

/// <summary>How a training run ended.</summary>
/// <param name="Steps">The step the run stands at (optimizer steps attempted, skipped ones included).</param>
/// <param name="SkippedSteps">Steps dropped because the loss or a gradient was not finite.</param>
/// <param name="LastLosses">The last finite step's loss terms and total.</param>
/// <param name="ResumedFrom">The checkpoint the run continued from, or null for a fresh start.</param>
/// <param name="AlreadyComplete">The checkpoint was already at the last step: nothing was trained.</param>
public sealed record TrainingResult(long Steps, long SkippedSteps, IReadOnlyDictionary<string, double> LastLosses,
    string? ResumedFrom, bool AlreadyComplete, string? LastCheckpoint);
