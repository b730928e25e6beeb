namespace Speech.Core.Progress;

/// <summary>One progress report from long work in a library: how much of how much is done.
/// Libraries report through <see cref="IProgress{T}"/> of this; the CLI draws it.</summary>
/// <param name="Done">Units finished so far (utterances, steps, files).</param>
/// <param name="Total">Units in all, or null when unknown.</param>
/// <param name="Status">Short live figures (loss, lr, skipped count), or null.</param>
public readonly record struct WorkProgress(long Done, long? Total, string? Status = null);
