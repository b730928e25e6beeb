using System.Text.Json.Serialization;
using Speech.Core.Errors;

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
        if (StoreHeader.WriteIfAbsent(folder, FileName, this)) return;
        var existing = Read(folder);
        if (existing != this) throw new ConfigException($"{Path.Combine(folder, FileName)}: the store holds {existing.Teacher} (dim {existing.Dim}, frame shift {existing.FrameShift} s), " +
                                                        $"this run makes {Teacher} (dim {Dim}, frame shift {FrameShift} s); use another --out");
    }

    public static EmbeddingStoreInfo Read(string folder) =>
        StoreHeader.Read<EmbeddingStoreInfo>(folder, FileName, "an MVQ embeddings folder", "speech mvq embeddings", "an embeddings header");
}
