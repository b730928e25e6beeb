namespace Speech.Core.Data.Sampling;

/// <summary>Options of <see cref="DynamicBucketingSampler"/>.</summary>
public sealed record BucketingOptions
{
    /// <summary>Most seconds of audio in one batch (a longer single cut gets a batch alone).</summary>
    public double MaxDuration { get; init; } = 200;

    /// <summary>Buckets of similar duration (equal-count quantiles); batches never mix buckets, so
    /// padding stays small.</summary>
    public int Buckets { get; init; } = 10;

    /// <summary>Shuffle cuts within buckets and the batch order each epoch.</summary>
    public bool Shuffle { get; init; } = true;

    public int Seed { get; init; }

    /// <summary>Leave out each bucket's last batch when it is under half full (keeps batch sizes even).</summary>
    public bool DropLast { get; init; }
}
