using System.Runtime.InteropServices;
using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>The few libsndfile entry points the decoder needs (sndfile.h, libsndfile 1.x; sf_count_t
/// is a 64-bit integer on every platform libsndfile ships for).</summary>
internal static unsafe partial class SndFileNative
{
    const string Library = "libsndfile.so.1";
    public const int ReadMode = 0x10;    // SFM_READ
    public const int SeekSet = 0;        // SEEK_SET
    public const int FormatTypeMask = 0x0FFF0000;
    public const int FormatSubMask = 0x0000FFFF;

    /// <summary>SF_INFO: frames (sf_count_t), samplerate, channels, format, sections, seekable.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Info
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    [LibraryImport(Library, EntryPoint = "sf_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Open(string path, int mode, ref Info info);

    [LibraryImport(Library, EntryPoint = "sf_close")]
    public static partial int Close(IntPtr file);

    [LibraryImport(Library, EntryPoint = "sf_seek")]
    public static partial long Seek(IntPtr file, long frames, int whence);

    [LibraryImport(Library, EntryPoint = "sf_readf_float")]
    public static partial long ReadFramesFloat(IntPtr file, float* destination, long frames);

    [LibraryImport(Library, EntryPoint = "sf_strerror")]
    public static partial IntPtr ErrorText(IntPtr file);

    /// <summary>Loads the library once, or throws the one-line message naming the Debian package.</summary>
    public static void EnsureLoaded() => NativeLibraryLoader.Ensure(NativeAudioLibrary.SndFile);

    public static string LastError(IntPtr file) => Marshal.PtrToStringUTF8(ErrorText(file)) ?? "unknown libsndfile error";
}
