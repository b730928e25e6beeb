using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>FLAC, Ogg (Vorbis, Opus), MP3 and AIFF through libsndfile (the library Python's
/// soundfile wraps). Seeks by frame, so segment reads decode only what they return.</summary>
public sealed class SndFileDecoder : IAudioDecoder
{
    public string Name => "libsndfile";

    public bool Recognises(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4) return false;
        if (header[..4].SequenceEqual("fLaC"u8) || header[..4].SequenceEqual("OggS"u8) || header[..4].SequenceEqual("FORM"u8)) return true;
        if (header[..3].SequenceEqual("ID3"u8)) return true;
        // MPEG audio frame sync: 11 set bits, a valid layer (not 00) and not the reserved version.
        return header[0] == 0xFF && (header[1] & 0xE0) == 0xE0 && (header[1] & 0x06) != 0 && (header[1] & 0x18) != 0x08;
    }

    public IAudioStream Open(string path)
    {
        SndFileNative.EnsureLoaded();
        var info = new SndFileNative.Info();
        IntPtr handle = SndFileNative.Open(path, SndFileNative.ReadMode, ref info);
        if (handle == IntPtr.Zero)
            throw new AudioFormatException($"{path}: libsndfile cannot open it ({SndFileNative.LastError(IntPtr.Zero)})");
        if (info.Channels <= 0 || info.SampleRate <= 0 || info.Frames < 0)
        {
            SndFileNative.Close(handle);
            throw new AudioFormatException($"{path}: header is inconsistent ({info.Channels} channels, {info.SampleRate} Hz, {info.Frames} frames)");
        }
        var (container, codec, bits) = Describe(info.Format);
        return new SndFileStream(handle, new AudioInfo(path, container, codec, info.SampleRate, info.Channels, info.Frames, bits, FramesEstimated: container == "mp3"));
    }

    /// <summary>Names for SF_FORMAT_* major types and subtypes (sndfile.h).</summary>
    static (string Container, string Codec, int? Bits) Describe(int format)
    {
        string container = (format & SndFileNative.FormatTypeMask) switch
        {
            0x010000 => "wav", 0x020000 => "aiff", 0x170000 => "flac", 0x200000 => "ogg", 0x230000 => "mp3",
            var other => $"sndfile-0x{other:x}",
        };
        (string codec, int? bits) = (format & SndFileNative.FormatSubMask) switch
        {
            0x0001 => ("pcm_s8", 8), 0x0002 => ("pcm_s16", 16), 0x0003 => ("pcm_s24", 24), 0x0004 => ("pcm_s32", 32),
            0x0005 => ("pcm_u8", 8), 0x0006 => ("float32", 32), 0x0007 => ("float64", 64),
            0x0060 => ("vorbis", null), 0x0064 => ("opus", null), 0x0080 => ("mp1", null), 0x0081 => ("mp2", null), 0x0082 => ("mp3", null),
            var other => ($"sndfile-0x{other:x}", (int?)null),
        };
        // FLAC keeps its integer depth as the subtype; say so.
        if (container == "flac") codec = "flac";
        return (container, codec, bits);
    }

    sealed unsafe class SndFileStream(IntPtr handle, AudioInfo info) : IAudioStream
    {
        IntPtr handle = handle;
        long position;

        public AudioInfo Info => info;

        public void Seek(long frame)
        {
            frame = Math.Max(frame, 0);
            if (frame == position) return;
            if (SndFileNative.Seek(Handle, frame, SndFileNative.SeekSet) < 0)
                throw new AudioFormatException($"{info.Path}: cannot seek to frame {frame} ({SndFileNative.LastError(Handle)})");
            position = frame;
        }

        public int ReadFrames(Span<float> destination)
        {
            int frames = destination.Length / info.Channels;
            long read;
            fixed (float* pointer = destination) read = SndFileNative.ReadFramesFloat(Handle, pointer, frames);
            if (read < 0) throw new AudioFormatException($"{info.Path}: decoding failed ({SndFileNative.LastError(Handle)})");
            // A frame count in the header that the data cannot deliver means a cut-off file.
            if (read < frames && position + read < info.Frames && !info.FramesEstimated)
                throw new AudioFormatException($"{info.Path}: truncated (header declares {info.Frames} frames, decoding stopped at {position + read})");
            position += read;
            return (int)read;
        }

        IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(info.Path);

        public void Dispose()
        {
            if (handle == IntPtr.Zero) return;
            SndFileNative.Close(handle);
            handle = IntPtr.Zero;
        }
    }
}
