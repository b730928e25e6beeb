using System.Runtime.InteropServices;
using System.Text.Json;
using Speech.Core.Errors;

using Speech.Core.IO;

namespace Speech.Core.Features;

/// <summary>Appends cuts' features to one shard of a store. Resumable: each cut's bytes are
/// flushed before its index line, so after a kill the index names only whole cuts; reopening
/// cuts the .bin back to the last indexed byte and carries on.</summary>
public sealed class FeatureShardWriter : IDisposable
{
    readonly FeatureStoreLayout layout;
    readonly FileStream data;
    readonly StreamWriter index;
    readonly HashSet<string> done = [];
    readonly string donePath;

    public FeatureShardWriter(string folder, int shardIndex, int shardCount, FeatureStoreLayout layout)
    {
        this.layout = layout;
        Directory.CreateDirectory(folder);
        CheckDescription(folder, layout);
        string stem = Path.Combine(folder, FeatureStoreLayout.ShardStem(shardIndex, shardCount));
        donePath = stem + ".done";
        string indexPath = stem + ".index.jsonl";
        var entries = ReadWholeEntries(indexPath);
        long end = entries.Count == 0 ? 0 : entries.Max(e => e.Offset + (long)e.Frames * layout.Dimension * layout.BytesPerValue);
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

    /// <summary>Appends one cut's <c>[frames, dimension]</c> features (row-major float32).</summary>
    public void Append(string id, ReadOnlySpan<float> values, int frames)
    {
        if (values.Length != frames * layout.Dimension) throw new ArgumentException($"{id}: {values.Length} values for {frames} x {layout.Dimension}");
        long offset = data.Position;
        if (layout.DType == "float16")
        {
            var halves = new Half[values.Length];
            for (int i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
            data.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
        }
        else data.Write(MemoryMarshal.AsBytes(values));
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

    /// <summary>The index's entries up to the first line a kill tore (everything after it is redone);
    /// shared by the other shard writers that index a data file the same way.</summary>
    public static List<FeatureIndexEntry> ReadWholeEntries(string indexPath)
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

    static void CheckDescription(string folder, FeatureStoreLayout layout)
    {
        string path = Path.Combine(folder, FeatureStoreLayout.DescriptionFile);
        if (File.Exists(path))
        {
            var existing = JsonSerializer.Deserialize<FeatureStoreLayout>(File.ReadAllText(path));
            if (existing != layout)
                throw new ConfigException($"{path}: the store holds {existing}, this run would write {layout}; use another --out");
            return;
        }
        AtomicFile.WriteText(path, JsonSerializer.Serialize(layout));
    }
}
