namespace Speech.Asr.Mvq;

/// <summary>What one shard of <see cref="IndexEncodingJob"/> did. <see cref="Missing"/>: cuts the
/// embeddings store has no frames for (reported and left out, never zero-filled); the counts add up
/// to <see cref="ShardCuts"/>.</summary>
public sealed record IndexEncodingResult(int ShardCuts, int AlreadyDone, int Written, long FramesWritten, IReadOnlyList<string> Missing, bool WasComplete);
