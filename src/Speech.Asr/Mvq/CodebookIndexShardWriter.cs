using Speech.Core.Features;

namespace Speech.Asr.Mvq;

/// <summary>Appends cuts' uint8 codebook indexes <c>[T, N]</c> to one shard of an index store
/// (<c>indexes-00000-of-00004.bin</c>, <c>.index.jsonl</c>, <c>.done</c>) through a resumable
/// <see cref="IndexedShardFile"/>.</summary>
public sealed class CodebookIndexShardWriter : IDisposable
{
    readonly IndexedShardFile shard;

    public CodebookIndexShardWriter(string folder, int shardIndex, int shardCount, int bytesPerFrame) =>
        shard = new IndexedShardFile(Path.Combine(folder, ShardStem(shardIndex, shardCount)), bytesPerFrame);

    public static string ShardStem(int index, int count) => $"indexes-{index:D5}-of-{count:D5}";

    public IReadOnlySet<string> Done => shard.Done;

    public bool IsComplete => shard.IsComplete;

    /// <summary>Appends one cut's indexes, row-major <c>[frames, bytes per frame]</c>.</summary>
    public void Append(string id, ReadOnlySpan<byte> indexes, int frames) => shard.Append(id, indexes, frames);

    public void Complete() => shard.Complete();

    public void Dispose() => shard.Dispose();
}
