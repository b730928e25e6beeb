using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Core.IO;

/// <summary>Reads and writes the safetensors format (TorchSharp has none): an 8-byte little-endian
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
/// little-endian data. Reading validates every range against the file before touching data, so a
/// truncated or lying file is a <see cref="CheckpointException"/> naming file and tensor, never an
/// out-of-memory.</summary>
public sealed class SafetensorsFile
{
    const long MaxHeaderBytes = 100_000_000;

    SafetensorsFile(string path, long dataStart, IReadOnlyDictionary<string, SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        this.dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    readonly long dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Writes tensors (moved to CPU) and string metadata atomically: a temporary file
    /// renamed into place (<see cref="AtomicFile"/>).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 }) header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value)));
        long offset = 0;
        foreach (var (name, tensor) in list)
        {
            long length = tensor.numel() * tensor.ElementSize;
            header[name] = new JsonObject
            {
                ["dtype"] = SafetensorsDType.NameOf(tensor.dtype),
                ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + length),
            };
            offset += length;
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padding = (8 - json.Length % 8) % 8; // keeps the data 8-byte aligned, as the reference writer does
        AtomicFile.Write(path, stream =>
        {
            stream.Write(BitConverter.GetBytes((ulong)(json.Length + padding)));
            stream.Write(json);
            for (int i = 0; i < padding; i++) stream.WriteByte((byte)' ');
            foreach (var (_, tensor) in list)
            {
                using var scope = NewDisposeScope(); // detach/cpu/contiguous each make a handle
                stream.Write(tensor.detach().cpu().contiguous().bytes);
            }
        });
    }

    /// <summary>Opens a file and validates its header; tensor data is read on demand.</summary>
    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: safetensors file not found");
        using var stream = File.OpenRead(path);
        long fileLength = stream.Length;
        if (fileLength < 8) throw new CheckpointException($"{path}: too short for a safetensors header ({fileLength} bytes)");
        var lengthBytes = new byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BitConverter.ToUInt64(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new CheckpointException($"{path}: header claims {headerLength} bytes but the file has {fileLength - 8} after the length");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        JsonObject header;
        try { header = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object"); }
        catch (JsonException e) { throw new CheckpointException($"{path}: header is not valid JSON ({e.Message})"); }

        long dataStart = 8 + (long)headerLength, dataLength = fileLength - dataStart;
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                if (node is JsonObject meta) foreach (var (k, v) in meta) metadata[k] = v?.ToString() ?? "";
                continue;
            }
            entries[name] = ParseEntry(path, name, node, dataLength);
        }
        return new SafetensorsFile(path, dataStart, entries, metadata);
    }

    static SafetensorsEntry ParseEntry(string path, string name, JsonNode? node, long dataLength)
    {
        try
        {
            var entry = node as JsonObject ?? throw new FormatException("entry is not an object");
            string dtype = entry["dtype"]?.GetValue<string>() ?? throw new FormatException("no dtype");
            long[] shape = (entry["shape"] as JsonArray ?? throw new FormatException("no shape")).Select(d => d!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"] as JsonArray ?? throw new FormatException("no data_offsets");
            if (offsets.Count != 2) throw new FormatException("data_offsets must have two numbers");
            long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
            if (!SafetensorsDType.TryParse(dtype, out _, out int bytes)) throw new FormatException($"unsupported dtype {dtype}");
            if (shape.Any(d => d < 0)) throw new FormatException("negative dimension");
            var result = new SafetensorsEntry(name, dtype, shape, begin, end);
            if (begin < 0 || end < begin || end > dataLength)
                throw new FormatException($"bytes {begin}..{end} lie outside the {dataLength} data bytes (truncated file?)");
            if (result.Elements * bytes != result.Length)
                throw new FormatException($"shape [{string.Join(", ", shape)}] of {dtype} needs {result.Elements * bytes} bytes, the header gives {result.Length}");
            return result;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new CheckpointException($"{path}: tensor '{name}': {e.Message}");
        }
    }

    /// <summary>One tensor, on CPU in its stored dtype.</summary>
    public Tensor Load(string name)
    {
        if (!Entries.TryGetValue(name, out var entry)) throw new CheckpointException($"{Path}: no tensor '{name}'");
        SafetensorsDType.TryParse(entry.DType, out var type, out _);
        var tensor = empty(entry.Shape, type);
        if (entry.Length == 0) return tensor;
        var buffer = new byte[entry.Length];
        using (var stream = File.OpenRead(Path))
        {
            stream.Position = dataStart + entry.Begin;
            stream.ReadExactly(buffer);
        }
        tensor.bytes = buffer;
        return tensor;
    }
}
