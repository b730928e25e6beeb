using System.Text.Json;
using System.Text.Json.Serialization;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.Mvq;

/// <summary><c>mvq_embeddings.json</c> beside a feature store of teacher embeddings: which teacher
/// layer made them and their frame shift, so indexes made from them carry it.</summary>
public sealed record EmbeddingStoreInfo(
    [property: JsonPropertyName("teacher")] string Teacher,
    [property: JsonPropertyName("dim")] int Dim,
    [property: JsonPropertyName("frame_shift")] double FrameShift)
{
    public const string FileName = "mvq_embeddings.json";

    /// <summary>Writes the header of a new store, or checks that an existing one holds the same teacher layer.</summary>
    public void WriteOrCheck(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            AtomicFile.WriteText(path, JsonSerializer.Serialize(this));
            return;
        }
        var existing = Read(folder);
        if (existing != this) throw new ConfigException($"{path}: the store holds {existing.Teacher} (dim {existing.Dim}, frame shift {existing.FrameShift} s), " +
                                                        $"this run makes {Teacher} (dim {Dim}, frame shift {FrameShift} s); use another --out");
    }

    public static EmbeddingStoreInfo Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new ConfigException($"{folder}: not an MVQ embeddings folder ({FileName} missing; write one with 'speech mvq embeddings')");
        try { return JsonSerializer.Deserialize<EmbeddingStoreInfo>(File.ReadAllText(path)) ?? throw new ConfigException($"{path}: empty"); }
        catch (JsonException e) { throw new ConfigException($"{path}: not an embeddings header ({e.Message})"); }
    }
}
