using System.Buffers.Binary;

namespace Speech.Core.Audio;

/// <summary>Little-endian PCM bytes to float samples, full scale as sox and libsndfile define it
/// (integer / 2^(bits-1); 8-bit is unsigned, offset 128). Exact for 8, 16 and 24 bits.</summary>
public static class PcmConversion
{
    public static int BytesPerSample(PcmEncoding encoding) => encoding switch
    {
        PcmEncoding.UnsignedInt8 => 1,
        PcmEncoding.SignedInt16 => 2,
        PcmEncoding.SignedInt24 => 3,
        PcmEncoding.SignedInt32 or PcmEncoding.Float32 => 4,
        PcmEncoding.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    public static int BitsPerSample(PcmEncoding encoding) => BytesPerSample(encoding) * 8;

    /// <summary>Converts <c>source.Length / BytesPerSample</c> samples into <paramref name="destination"/>.</summary>
    public static void ToFloat(ReadOnlySpan<byte> source, Span<float> destination, PcmEncoding encoding)
    {
        int count = source.Length / BytesPerSample(encoding);
        if (destination.Length < count) throw new ArgumentException("destination too short", nameof(destination));
        switch (encoding)
        {
            case PcmEncoding.UnsignedInt8:
                for (int i = 0; i < count; i++) destination[i] = (source[i] - 128) / 128f;
                break;
            case PcmEncoding.SignedInt16:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) / 32768f;
                break;
            case PcmEncoding.SignedInt24:
                for (int i = 0, b = 0; i < count; i++, b += 3)
                {
                    // Assemble in the top 24 bits of an int so the sign extends, then shift back.
                    int value = (source[b] << 8 | source[b + 1] << 16 | source[b + 2] << 24) >> 8;
                    destination[i] = value / 8388608f;
                }
                break;
            case PcmEncoding.SignedInt32:
                for (int i = 0; i < count; i++) destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) / 2147483648.0);
                break;
            case PcmEncoding.Float32:
                for (int i = 0; i < count; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case PcmEncoding.Float64:
                for (int i = 0; i < count; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding));
        }
    }

    /// <summary>Float to signed 16/24/32-bit integer, rounded and clipped (the inverse of
    /// <see cref="ToFloat"/>, so a decoded integer file writes back bit for bit).</summary>
    public static int ToInteger(float sample, int bits)
    {
        double scale = Math.ScaleB(1.0, bits - 1);
        double value = Math.Round(sample * scale, MidpointRounding.ToEven);
        return (int)Math.Clamp(value, -scale, scale - 1);
    }
}
