using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Core.Features;

/// <summary>One shard of a store of per-cut arrays: <c>STEM.bin</c> (each cut's bytes back to back),
/// <c>STEM.index.jsonl</c> (id, byte offset, frames; a line per finished cut, written after its bytes)
/// and <c>STEM.done</c>. Resumable: reopening after a kill drops a torn index line and cuts the .bin
/// back to the last whole cut. The feature store and the codebook index store both write through it.</summary>
public sealed class IndexedShardFile : IDisposable
{
    readonly long bytesPerFrame;
    readonly FileStream data;
    readonly StreamWriter index;
    readonly HashSet<string> done = new(StringComparer.Ordinal);
    readonly string donePath;

    /// <param name="stem">The shard's path without extension.</param>
    /// <param name="bytesPerFrame">Bytes of one frame of a cut's array.</param>
    public IndexedShardFile(string stem, long bytesPerFrame)
    {
        this.bytesPerFrame = bytesPerFrame;
        donePath = stem + ".done";
        string indexPath = stem + ".index.jsonl";
        var entries = ReadWholeEntries(indexPath);
        long end = entries.Count == 0 ? 0 : entries.Max(e => e.Offset + e.Frames * bytesPerFrame);
        foreach (var entry in entries) done.Add(entry.Id);
        // Rewrite the index without a torn last line, and cut data written after the last whole cut.
        File.WriteAllLines(indexPath, entries.Select(e => JsonSerializer.Serialize(e)));
        data = new FileStream(stem + ".bin", FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (data.Length < end) throw new SpeechException($"{stem}.bin is shorter than its index says; delete the shard's files to redo it");
        data.SetLength(end);
        data.Position = end;
        index = new StreamWriter(new FileStream(indexPath, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    /// <summary>Cut ids already in the shard.</summary>
    public IReadOnlySet<string> Done => done;

    public bool IsComplete => File.Exists(donePath);

    /// <summary>Appends one cut's bytes (<paramref name="frames"/> frames), flushed before its index line.</summary>
    public void Append(string id, ReadOnlySpan<byte> bytes, int frames)
    {
        if (bytes.Length != frames * bytesPerFrame) throw new ArgumentException($"{id}: {bytes.Length} bytes for {frames} frames of {bytesPerFrame}");
        long offset = data.Position;
        data.Write(bytes);
        data.Flush();
        index.WriteLine(JsonSerializer.Serialize(new FeatureIndexEntry(id, offset, frames)));
        index.Flush();
        done.Add(id);
    }

    /// <summary>Marks the shard finished; a rerun then skips it.</summary>
    public void Complete() => File.WriteAllText(donePath, $"{done.Count}\n");

    public void Dispose()
    {
        index.Dispose();
        data.Dispose();
    }

    /// <summary>The index's entries up to the first line a kill tore (everything after it is redone).</summary>
    static List<FeatureIndexEntry> ReadWholeEntries(string indexPath)
    {
        var entries = new List<FeatureIndexEntry>();
        if (!File.Exists(indexPath)) return entries;
        foreach (string line in File.ReadLines(indexPath))
        {
            try
            {
                if (JsonSerializer.Deserialize<FeatureIndexEntry>(line) is { Id: not null } entry) entries.Add(entry);
                else break;
            }
            catch (JsonException) { break; } // a line torn by a kill: everything after it is redone
        }
        return entries;
    }
}
