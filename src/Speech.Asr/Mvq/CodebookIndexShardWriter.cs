using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.Features;

namespace Speech.Asr.Mvq;

/// <summary>Appends cuts' uint8 codebook indexes <c>[T, N]</c> to one shard of an index store:
/// <c>indexes-00000-of-00004.bin</c> (indexes back to back), <c>.index.jsonl</c> (id, byte offset,
/// frames; a line per finished cut, written after its bytes) and <c>.done</c>. Reopening after a
/// kill drops a torn index line and cuts the .bin back to the last whole cut.</summary>
public sealed class CodebookIndexShardWriter : IDisposable
{
    readonly int bytesPerFrame;
    readonly FileStream data;
    readonly StreamWriter index;
    readonly HashSet<string> done = new(StringComparer.Ordinal);
    readonly string donePath;

    public CodebookIndexShardWriter(string folder, int shardIndex, int shardCount, int bytesPerFrame)
    {
        this.bytesPerFrame = bytesPerFrame;
        string stem = Path.Combine(folder, ShardStem(shardIndex, shardCount));
        donePath = stem + ".done";
        string indexPath = stem + ".index.jsonl";
        var entries = FeatureShardWriter.ReadWholeEntries(indexPath);
        long end = entries.Count == 0 ? 0 : entries.Max(e => e.Offset + (long)e.Frames * bytesPerFrame);
        foreach (var entry in entries) done.Add(entry.Id);
        File.WriteAllLines(indexPath, entries.Select(e => JsonSerializer.Serialize(e)));
        data = new FileStream(stem + ".bin", FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (data.Length < end) throw new SpeechException($"{stem}.bin is shorter than its index says; delete the shard's files to redo it");
        data.SetLength(end);
        data.Position = end;
        index = new StreamWriter(new FileStream(indexPath, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    public static string ShardStem(int index, int count) => $"indexes-{index:D5}-of-{count:D5}";

    public IReadOnlySet<string> Done => done;

    public bool IsComplete => File.Exists(donePath);

    /// <summary>Appends one cut's indexes, row-major <c>[frames, bytes per frame]</c>.</summary>
    public void Append(string id, ReadOnlySpan<byte> indexes, int frames)
    {
        if (indexes.Length != frames * bytesPerFrame) throw new ArgumentException($"{id}: {indexes.Length} bytes for {frames} x {bytesPerFrame}");
        long offset = data.Position;
        data.Write(indexes);
        data.Flush();
        index.WriteLine(JsonSerializer.Serialize(new FeatureIndexEntry(id, offset, frames)));
        index.Flush();
        done.Add(id);
    }

    public void Complete() => File.WriteAllText(donePath, $"{done.Count}\n");

    public void Dispose()
    {
        index.Dispose();
        data.Dispose();
    }
}
