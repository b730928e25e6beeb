using System.IO.MemoryMappedFiles;
using System.Text.Json;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Reads a feature store: every shard's index merged, the .bin files memory-mapped, so
/// opening is cheap and a cut's features are read on demand.</summary>
public sealed class FeatureStore : IDisposable
{
    readonly Dictionary<string, (int Shard, FeatureIndexEntry Entry)> entries = new(StringComparer.Ordinal);
    readonly List<MemoryMappedFile> files = [];
    readonly List<MemoryMappedViewAccessor> views = [];

    FeatureStore(FeatureStoreLayout layout) => Layout = layout;

    public FeatureStoreLayout Layout { get; }
    public int Count => entries.Count;
    public IEnumerable<string> Ids => entries.Keys;
    public bool Contains(string id) => entries.ContainsKey(id);

    public static FeatureStore Open(string folder)
    {
        string description = Path.Combine(folder, FeatureStoreLayout.DescriptionFile);
        if (!File.Exists(description)) throw new SpeechException($"{folder}: not a feature store ({FeatureStoreLayout.DescriptionFile} missing)");
        var layout = JsonSerializer.Deserialize<FeatureStoreLayout>(File.ReadAllText(description))
                     ?? throw new SpeechException($"{description}: empty");
        var store = new FeatureStore(layout);
        try
        {
            foreach (string indexPath in Directory.GetFiles(folder, "shard-*.index.jsonl").Order(StringComparer.Ordinal))
                store.AddShard(indexPath);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <summary>A cut's features, <c>[frames, dimension]</c> row-major float32.</summary>
    public float[] Read(string id, out int frames)
    {
        if (!entries.TryGetValue(id, out var found)) throw new KeyNotFoundException($"cut '{id}' is not in the feature store");
        frames = found.Entry.Frames;
        var values = new float[frames * Layout.Dimension];
        var view = views[found.Shard];
        if (Layout.BytesPerValue == 2)
        {
            var halves = new Half[values.Length];
            view.ReadArray(found.Entry.Offset, halves, 0, halves.Length);
            for (int i = 0; i < values.Length; i++) values[i] = (float)halves[i];
        }
        else view.ReadArray(found.Entry.Offset, values, 0, values.Length);
        return values;
    }

    /// <summary>A cut's features as a float32 tensor <c>[T, F]</c> on the CPU.</summary>
    public Tensor ReadTensor(string id)
    {
        float[] values = Read(id, out int frames);
        return tensor(values, [frames, Layout.Dimension]); // [T, F]
    }

    void AddShard(string indexPath)
    {
        string binPath = indexPath[..^".index.jsonl".Length] + ".bin";
        int shard = views.Count;
        long length = new FileInfo(binPath).Length;
        if (length > 0)
        {
            var file = MemoryMappedFile.CreateFromFile(binPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            files.Add(file);
            views.Add(file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read));
        }
        else views.Add(null!);
        long bytesPerFrame = (long)Layout.Dimension * Layout.BytesPerValue;
        foreach (string line in File.ReadLines(indexPath))
        {
            FeatureIndexEntry? entry;
            try { entry = JsonSerializer.Deserialize<FeatureIndexEntry>(line); }
            catch (JsonException) { break; } // a torn last line from an interrupted writer
            if (entry is null) break;
            if (entry.Offset + entry.Frames * bytesPerFrame > length)
                throw new SpeechException($"{indexPath}: '{entry.Id}' lies past the end of {binPath}");
            if (!entries.TryAdd(entry.Id, (shard, entry)))
                throw new SpeechException($"{indexPath}: cut '{entry.Id}' appears in more than one shard");
        }
    }

    public void Dispose()
    {
        foreach (var view in views) view?.Dispose();
        foreach (var file in files) file.Dispose();
    }
}
