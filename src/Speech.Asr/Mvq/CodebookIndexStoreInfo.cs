using System.Globalization;
using System.Text.Json.Serialization;
using Speech.Core.Errors;

namespace Speech.Asr.Mvq;

/// <summary><c>codebook_indexes.json</c> of an index store: the quantizer whose indexes it holds (its
/// id), the bytes per frame (codebooks of 256) and the teacher's frame shift. Indexes are only ever
/// read against a quantizer id and frame shift named by the reader; a mismatch is an error.</summary>
public sealed record CodebookIndexStoreInfo(
    [property: JsonPropertyName("quantizer_id")] string QuantizerId,
    [property: JsonPropertyName("bytes_per_frame")] int BytesPerFrame,
    [property: JsonPropertyName("frame_shift")] double FrameShift,
    [property: JsonPropertyName("teacher")] string Teacher)
{
    public const string FileName = "codebook_indexes.json";

    /// <summary>Refuses indexes of another quantizer or frame shift, naming both.</summary>
    public void Require(string folder, string quantizerId, double frameShift)
    {
        if (QuantizerId != quantizerId)
            throw new ConfigException($"{Path.Combine(folder, FileName)}: indexes of quantizer {QuantizerId}, but quantizer {quantizerId} was asked for; re-encode with it or use its indexes");
        if (Math.Abs(FrameShift - frameShift) > 1e-9)
            throw new ConfigException($"{Path.Combine(folder, FileName)}: indexes at frame shift {Format(FrameShift)} s (quantizer {QuantizerId}), but {Format(frameShift)} s was asked for");
    }

    static string Format(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    public void WriteOrCheck(string folder)
    {
        if (StoreHeader.WriteIfAbsent(folder, FileName, this)) return;
        var existing = Read(folder);
        existing.Require(folder, QuantizerId, FrameShift);
        if (existing != this) throw new ConfigException($"{Path.Combine(folder, FileName)}: the store holds {existing}, this run writes {this}; use another --out");
    }

    public static CodebookIndexStoreInfo Read(string folder) =>
        StoreHeader.Read<CodebookIndexStoreInfo>(folder, FileName, "a codebook index store", "speech mvq encode", "an index store header");
}
