namespace Speech.Asr.Whisper.Ggml;

/// <summary>One tensor record of a ggml file: name, element type (0 f32, 1 f16), dimensions in
/// ggml order (<c>Ne[0]</c> varies fastest: the reverse of PyTorch's shape) and raw little-endian data.</summary>
public sealed record GgmlTensor(string Name, int Type, int[] Ne, byte[] Data)
{
    public const int F32 = 0, F16 = 1;

    public long Elements => Ne.Aggregate(1L, (a, b) => a * b);

    public static int BytesPerElement(int type) => type switch
    {
        F32 => 4,
        F16 => 2,
        _ => throw new NotSupportedException($"ggml tensor type {type} (only f32 and f16 are supported)"),
    };
}
