using System.Globalization;

namespace Speech.Asr.Mvq;

/// <summary>Bytes per teacher frame of each kind of target: float32 and float16 embeddings of
/// <see cref="Dim"/> values against <see cref="Codebooks"/> one-byte indexes (the paper's "256×
/// less storage" is 4 · 1024 / 16).</summary>
public sealed record StorageReport(int Dim, int Codebooks)
{
    public long Float32BytesPerFrame => 4L * Dim;
    public long Float16BytesPerFrame => 2L * Dim;
    public long IndexBytesPerFrame => Codebooks;

    /// <summary>How many times smaller the indexes are than float32 embeddings.</summary>
    public double Float32Ratio => (double)Float32BytesPerFrame / IndexBytesPerFrame;

    public double Float16Ratio => (double)Float16BytesPerFrame / IndexBytesPerFrame;

    /// <summary>The report's lines: one per kind, bytes per frame and the ratio to the indexes.</summary>
    public IReadOnlyList<string> Lines() => new[]
    {
        $"float32 embeddings: {Float32BytesPerFrame} bytes per frame ({Ratio(Float32Ratio)} the indexes)",
        $"float16 embeddings: {Float16BytesPerFrame} bytes per frame ({Ratio(Float16Ratio)} the indexes)",
        $"codebook indexes:   {IndexBytesPerFrame} bytes per frame ({Codebooks} codebooks of 256)",
    };

    static string Ratio(double ratio) => ratio.ToString("0.##", CultureInfo.InvariantCulture) + "×";
}
