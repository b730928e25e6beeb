using System.Runtime.InteropServices;
using System.Text.Json;
using Speech.Core.Errors;

using Speech.Core.IO;

namespace Speech.Core.Features;

/// <summary>Appends cuts' features to one shard of a store (float32 or float16 rows), through a
/// resumable <see cref="IndexedShardFile"/>.</summary>
public sealed class FeatureShardWriter : IDisposable
{
    readonly FeatureStoreLayout layout;
    readonly IndexedShardFile shard;

    public FeatureShardWriter(string folder, int shardIndex, int shardCount, FeatureStoreLayout layout)
    {
        this.layout = layout;
        Directory.CreateDirectory(folder);
        CheckDescription(folder, layout);
        shard = new IndexedShardFile(Path.Combine(folder, FeatureStoreLayout.ShardStem(shardIndex, shardCount)), (long)layout.Dimension * layout.BytesPerValue);
    }

    /// <summary>Cut ids already in the shard.</summary>
    public IReadOnlySet<string> Done => shard.Done;

    public bool IsComplete => shard.IsComplete;

    /// <summary>Appends one cut's <c>[frames, dimension]</c> features (row-major float32).</summary>
    public void Append(string id, ReadOnlySpan<float> values, int frames)
    {
        if (values.Length != frames * layout.Dimension) throw new ArgumentException($"{id}: {values.Length} values for {frames} x {layout.Dimension}");
        if (layout.DType == "float16")
        {
            var halves = new Half[values.Length];
            for (int i = 0; i < values.Length; i++) halves[i] = (Half)values[i];
            shard.Append(id, MemoryMarshal.AsBytes(halves.AsSpan()), frames);
        }
        else shard.Append(id, MemoryMarshal.AsBytes(values), frames);
    }

    /// <summary>Marks the shard finished; a rerun then skips it.</summary>
    public void Complete() => shard.Complete();

    public void Dispose() => shard.Dispose();

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
