using NAudio.Wave;
using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>WAV (RIFF and RF64) through NAudio.Core, in managed code: PCM 8/16/24/32-bit, IEEE
/// float 32/64 and WAVE_FORMAT_EXTENSIBLE. NAudio parses the chunks; the data chunk's bytes are
/// converted here because NAudio's sample providers reject EXTENSIBLE and 24-in-32 layouts.</summary>
public sealed class WavDecoder : IAudioDecoder
{
    static readonly Guid PcmSubtype = new("00000001-0000-0010-8000-00aa00389b71");
    static readonly Guid FloatSubtype = new("00000003-0000-0010-8000-00aa00389b71");

    public string Name => "NAudio WAV";

    public bool Recognises(ReadOnlySpan<byte> header) =>
        header.Length >= 12 && (header[..4].SequenceEqual("RIFF"u8) || header[..4].SequenceEqual("RF64"u8)) && header[8..12].SequenceEqual("WAVE"u8);

    public IAudioStream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(file);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or IOException or NotSupportedException)
        {
            file.Dispose();
            throw new AudioFormatException($"{path}: not a readable WAV file ({e.Message})", e);
        }
        try
        {
            var format = reader.WaveFormat;
            var encoding = EncodingOf(path, format);
            if (format.Channels <= 0 || format.SampleRate <= 0 || format.BlockAlign != format.Channels * PcmConversion.BytesPerSample(encoding))
                throw new AudioFormatException($"{path}: WAV header is inconsistent ({format.Channels} channels, {format.SampleRate} Hz, block align {format.BlockAlign})");
            // NAudio leaves the stream at the data chunk's start: what follows must hold the declared length.
            long available = file.Length - file.Position;
            if (reader.Length > available)
                throw new AudioFormatException($"{path}: truncated WAV file (data chunk declares {reader.Length} bytes, {available} present)");
            string container = format.Encoding == WaveFormatEncoding.Extensible ? "wav (extensible)" : "wav";
            var info = new AudioInfo(path, container, CodecName(encoding), format.SampleRate, format.Channels,
                reader.Length / format.BlockAlign, PcmConversion.BitsPerSample(encoding));
            return new WavStream(reader, info, encoding);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    static PcmEncoding EncodingOf(string path, WaveFormat format)
    {
        bool isFloat = format.Encoding switch
        {
            WaveFormatEncoding.Pcm => false,
            WaveFormatEncoding.IeeeFloat => true,
            WaveFormatEncoding.Extensible when SubFormat(format) == PcmSubtype => false,
            WaveFormatEncoding.Extensible when SubFormat(format) == FloatSubtype => true,
            _ => throw new AudioFormatException($"{path}: unsupported WAV encoding {format.Encoding} (PCM and IEEE float are read)"),
        };
        return (isFloat, format.BitsPerSample) switch
        {
            (false, 8) => PcmEncoding.UnsignedInt8,
            (false, 16) => PcmEncoding.SignedInt16,
            (false, 24) => PcmEncoding.SignedInt24,
            (false, 32) => PcmEncoding.SignedInt32,
            (true, 32) => PcmEncoding.Float32,
            (true, 64) => PcmEncoding.Float64,
            _ => throw new AudioFormatException($"{path}: unsupported WAV sample size {format.BitsPerSample} bits ({(isFloat ? "float" : "integer")})"),
        };
    }

    /// <summary>The EXTENSIBLE sub-format GUID. NAudio reads the fmt chunk as WaveFormatExtraData,
    /// whose 22 extra bytes are valid bits (2), channel mask (4) and this GUID (16).</summary>
    static Guid? SubFormat(WaveFormat format) => format switch
    {
        WaveFormatExtensible extensible => extensible.SubFormat,
        WaveFormatExtraData { ExtraData.Length: >= 22 } extra => new Guid(extra.ExtraData.AsSpan(6, 16)),
        _ => null,
    };

    static string CodecName(PcmEncoding encoding) => encoding switch
    {
        PcmEncoding.UnsignedInt8 => "pcm_u8",
        PcmEncoding.SignedInt16 => "pcm_s16",
        PcmEncoding.SignedInt24 => "pcm_s24",
        PcmEncoding.SignedInt32 => "pcm_s32",
        PcmEncoding.Float32 => "float32",
        _ => "float64",
    };

    sealed class WavStream(WaveFileReader reader, AudioInfo info, PcmEncoding encoding) : IAudioStream
    {
        readonly int blockAlign = reader.WaveFormat.BlockAlign;
        byte[] buffer = [];

        public AudioInfo Info => info;

        public void Seek(long frame) => reader.Position = Math.Clamp(frame, 0, info.Frames) * blockAlign;

        public int ReadFrames(Span<float> destination)
        {
            int frames = destination.Length / info.Channels;
            int wanted = frames * blockAlign;
            if (buffer.Length < wanted) buffer = new byte[wanted];
            int got = 0;
            while (got < wanted)
            {
                int read = reader.Read(buffer, got, wanted - got);
                if (read <= 0) break;
                got += read;
            }
            int framesRead = got / blockAlign;
            PcmConversion.ToFloat(buffer.AsSpan(0, framesRead * blockAlign), destination, encoding);
            return framesRead;
        }

        public void Dispose() => reader.Dispose();
    }
}
