using System.Buffers.Binary;
using NAudio.Wave;

using Speech.Core.IO;

namespace Speech.Core.Audio;

/// <summary>Writes samples as a WAV file through NAudio's WaveFileWriter, atomically (a temp file
/// renamed into place). Integer output rounds to nearest and clips, the inverse of decoding, so a
/// decoded integer file writes back bit for bit.</summary>
public static class WavWriter
{
    /// <param name="channels"><c>[channel][frame]</c>, all the same length.</param>
    public static void Write(string path, IReadOnlyList<float[]> channels, int sampleRate, PcmEncoding encoding)
    {
        if (channels.Count == 0 || channels.Any(c => c.Length != channels[0].Length))
            throw new ArgumentException("channels must be non-empty and of equal length", nameof(channels));
        int width = PcmConversion.BytesPerSample(encoding);
        var format = encoding switch
        {
            PcmEncoding.Float32 or PcmEncoding.Float64 => WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels.Count),
            _ => new WaveFormat(sampleRate, width * 8, channels.Count),
        };
        if (encoding == PcmEncoding.Float64) throw new ArgumentException("float64 output is not supported; use float32", nameof(encoding));
        int frames = channels[0].Length;
        var bytes = new byte[(long)frames * channels.Count * width];
        for (int i = 0, b = 0; i < frames; i++)
            for (int c = 0; c < channels.Count; c++, b += width)
                Encode(channels[c][i], encoding, bytes.AsSpan(b, width));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new WaveFileWriter(stream, format); // finishes the header on dispose
            writer.Write(bytes, 0, bytes.Length);
        });
    }

    static void Encode(float sample, PcmEncoding encoding, Span<byte> destination)
    {
        switch (encoding)
        {
            case PcmEncoding.UnsignedInt8: destination[0] = (byte)(PcmConversion.ToInteger(sample, 8) + 128); break;
            case PcmEncoding.SignedInt16: BinaryPrimitives.WriteInt16LittleEndian(destination, (short)PcmConversion.ToInteger(sample, 16)); break;
            case PcmEncoding.SignedInt24:
                int value = PcmConversion.ToInteger(sample, 24);
                destination[0] = (byte)value; destination[1] = (byte)(value >> 8); destination[2] = (byte)(value >> 16);
                break;
            case PcmEncoding.SignedInt32: BinaryPrimitives.WriteInt32LittleEndian(destination, PcmConversion.ToInteger(sample, 32)); break;
            default: BinaryPrimitives.WriteSingleLittleEndian(destination, sample); break;
        }
    }

    /// <summary>The encoding that keeps a source's samples: its integer depth, float32 for float
    /// sources, 16-bit for lossy codecs (as sox chooses).</summary>
    public static PcmEncoding EncodingFor(AudioInfo source) => (source.Codec, source.BitsPerSample) switch
    {
        ("float32" or "float64", _) => PcmEncoding.Float32,
        (_, 8) => PcmEncoding.UnsignedInt8,
        (_, 24) => PcmEncoding.SignedInt24,
        (_, 32) => PcmEncoding.SignedInt32,
        _ => PcmEncoding.SignedInt16,
    };
}
