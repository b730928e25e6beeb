namespace Speech.Asr.Mvq;

/// <summary>What one shard of <see cref="EmbeddingJob"/> did: cuts in the shard, those already in
/// the store from an earlier run, those written now and their frames.</summary>
public sealed record EmbeddingJobResult(int ShardCuts, int AlreadyDone, int Written, long FramesWritten, bool WasComplete);
