using System.Text.Json;
using System.Text.Json.Serialization;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Asr.Mvq;

/// <summary>A cut's pointer to its codebook indexes, kept in the manifest under the extra field
/// <c>codebook_indexes</c> (lhotse's <c>TemporalArray</c>: where the array is stored, its key and
/// shape, which axis is time and its frame shift), plus the quantizer the indexes come from. The store
/// path is relative to the manifest's folder, so an experiment folder can move as a whole.</summary>
public sealed record CodebookIndexReference(
    [property: JsonPropertyName("storage_type")] string StorageType,
    [property: JsonPropertyName("storage_path")] string StoragePath,
    [property: JsonPropertyName("storage_key")] string StorageKey,
    [property: JsonPropertyName("shape")] int[] Shape,
    [property: JsonPropertyName("temporal_dim")] int TemporalDim,
    [property: JsonPropertyName("frame_shift")] double FrameShift,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("quantizer_id")] string QuantizerId)
{
    public const string ExtraKey = "codebook_indexes";
    public const string StoreType = "speech_codebook_index_store";

    /// <summary>The reference of a cut with <paramref name="frames"/> frames in the store at
    /// <paramref name="storeFolder"/>, written into a manifest at <paramref name="manifestPath"/>.</summary>
    public static CodebookIndexReference For(Cut cut, int frames, string storeFolder, CodebookIndexStoreInfo info, string manifestPath) =>
        new(StoreType, Path.GetRelativePath(ManifestFolder(manifestPath), Path.GetFullPath(storeFolder)), cut.Id,
            new[] { frames, info.BytesPerFrame }, 0, info.FrameShift, 0, info.QuantizerId);

    /// <summary>The cut's reference, or null when it has none; a malformed one is an error naming the cut.</summary>
    public static CodebookIndexReference? Of(Cut cut, string manifestPath)
    {
        if (cut.Extras is null || !cut.Extras.TryGetValue(ExtraKey, out var value)) return null;
        CodebookIndexReference? reference;
        try { reference = value.Deserialize<CodebookIndexReference>(); }
        catch (JsonException e) { throw new ConfigException($"{manifestPath}: cut '{cut.Id}': {ExtraKey} is not an index reference ({e.Message})"); }
        if (reference is null || reference.StorageType != StoreType || reference.Shape is not { Length: 2 } || string.IsNullOrEmpty(reference.StoragePath))
            throw new ConfigException($"{manifestPath}: cut '{cut.Id}': {ExtraKey} is not a reference into a codebook index store (storage_type {StoreType}, shape [frames, codebooks])");
        return reference;
    }

    /// <summary>The store folder, resolved against the folder of the manifest that holds the reference.</summary>
    public string StoreFolder(string manifestPath) => Path.GetFullPath(Path.Combine(ManifestFolder(manifestPath), StoragePath));

    static string ManifestFolder(string manifestPath) => Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
}
