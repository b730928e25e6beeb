namespace Speech.Core.Features;

/// <summary>What <see cref="FeatureExtraction.Run"/> writes and which part of the manifest it takes.</summary>
public sealed record FeatureExtractionOptions
{
    public FeatureFormat Format { get; init; } = FeatureFormat.Store;
    /// <summary>This run's shard, 0-based: cut number i (in manifest order) belongs to shard i mod <see cref="ShardCount"/>.</summary>
    public int ShardIndex { get; init; }
    public int ShardCount { get; init; } = 1;
    /// <summary>Cuts decoded and featurised together.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Store values as float16 (half the disk, well inside log-mel precision) or float32.</summary>
    public bool Float16 { get; init; } = true;
}
