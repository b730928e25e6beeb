using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.Features;

namespace Speech.Asr.Mvq;

/// <summary>Reads an index store written by <see cref="IndexEncodingJob"/>: the header checked
/// against the quantizer id and frame shift the reader expects, every shard's index merged, a cut's
/// indexes read on demand.</summary>
public sealed class CodebookIndexStore : ICodebookIndexSource, IDisposable
{
    readonly Dictionary<string, (FileStream Data, FeatureIndexEntry Entry)> entries = new(StringComparer.Ordinal);
    readonly List<FileStream> files = new();

    CodebookIndexStore(string folder, CodebookIndexStoreInfo info) => (Folder, Info) = (folder, info);

    public string Folder { get; }
    public CodebookIndexStoreInfo Info { get; }
    public int Count => entries.Count;

    /// <summary>Opens the store; with <paramref name="quantizerId"/> and <paramref name="frameShift"/>
    /// given, refuses a store of another quantizer or frame shift.</summary>
    public static CodebookIndexStore Open(string folder, string? quantizerId = null, double? frameShift = null)
    {
        var info = CodebookIndexStoreInfo.Read(folder);
        info.Require(folder, quantizerId ?? info.QuantizerId, frameShift ?? info.FrameShift);
        var store = new CodebookIndexStore(folder, info);
        try
        {
            foreach (string indexPath in Directory.GetFiles(folder, "indexes-*.index.jsonl").Order(StringComparer.Ordinal))
                store.AddShard(indexPath);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    public bool Contains(string id) => entries.ContainsKey(id);

    /// <summary>The frames a cut has in the store (from the index, without reading its bytes), or null.</summary>
    public int? FramesOf(string id) => entries.TryGetValue(id, out var found) ? found.Entry.Frames : null;

    int ICodebookIndexSource.BytesPerFrame => Info.BytesPerFrame;
    string ICodebookIndexSource.QuantizerId => Info.QuantizerId;
    string ICodebookIndexSource.Name => Folder;
    bool ICodebookIndexSource.Contains(Speech.Core.Data.Cut cut) => Contains(cut.Id);
    byte[]? ICodebookIndexSource.TryRead(Speech.Core.Data.Cut cut, out int frames) => TryRead(cut.Id, out frames);

    /// <summary>A cut's indexes <c>[frames, bytes per frame]</c> row-major, or null when the store has none for it.</summary>
    public byte[]? TryRead(string id, out int frames)
    {
        frames = 0;
        if (!entries.TryGetValue(id, out var found)) return null;
        frames = found.Entry.Frames;
        var bytes = new byte[frames * Info.BytesPerFrame];
        lock (found.Data)
        {
            found.Data.Position = found.Entry.Offset;
            found.Data.ReadExactly(bytes);
        }
        return bytes;
    }

    void AddShard(string indexPath)
    {
        string binPath = indexPath[..^".index.jsonl".Length] + ".bin";
        if (!File.Exists(binPath)) throw new SpeechException($"{indexPath}: its data file {binPath} is missing");
        var data = new FileStream(binPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        files.Add(data);
        foreach (string line in File.ReadLines(indexPath))
        {
            FeatureIndexEntry? entry;
            try { entry = JsonSerializer.Deserialize<FeatureIndexEntry>(line); }
            catch (JsonException) { break; } // a torn last line of a writer that was killed
            if (entry is null) break;
            if (entry.Offset + (long)entry.Frames * Info.BytesPerFrame > data.Length)
                throw new SpeechException($"{indexPath}: '{entry.Id}' lies past the end of {binPath}");
            if (!entries.TryAdd(entry.Id, (data, entry)))
                throw new SpeechException($"{indexPath}: cut '{entry.Id}' appears in more than one shard");
        }
    }

    public void Dispose()
    {
        foreach (var file in files) file.Dispose();
    }
}
