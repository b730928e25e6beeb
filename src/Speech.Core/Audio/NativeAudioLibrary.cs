using System.Runtime.InteropServices;

namespace Speech.Core.Audio;

/// <summary>One native audio library the toolkit uses through P/Invoke, and whether it loads
/// here. Required libraries fail <c>speech doctor</c>; optional ones have a managed fallback.</summary>
public sealed record NativeAudioLibrary(string Name, string FileName, string DebianPackage, string Purpose, bool Required, string VersionFunction)
{
    /// <summary>libsndfile decodes FLAC, Ogg/Vorbis, Opus and MP3 (WAV is managed, via NAudio).</summary>
    public static readonly NativeAudioLibrary SndFile =
        new("libsndfile", "libsndfile.so.1", "libsndfile1", "FLAC/Ogg/Opus/MP3 decoding", Required: true, "sf_version_string");

    /// <summary>soxr is the reference-quality resampler; NAudio's managed WDL resampler stands in
    /// when it is absent.</summary>
    public static readonly NativeAudioLibrary Soxr =
        new("libsoxr", "libsoxr.so.0", "libsoxr0", "resampling (NAudio WDL otherwise)", Required: false, "soxr_version");

    public static IReadOnlyList<NativeAudioLibrary> All { get; } = new[] { SndFile, Soxr };

    /// <summary>The library's own version string, or null when it does not load.</summary>
    public string? ProbeVersion()
    {
        if (!NativeLibrary.TryLoad(FileName, out IntPtr handle)) return null;
        if (!NativeLibrary.TryGetExport(handle, VersionFunction, out IntPtr function)) return "unknown version";
        unsafe
        {
            var getVersion = (delegate* unmanaged<IntPtr>)function;
            return Marshal.PtrToStringAnsi(getVersion()) ?? "unknown version";
        }
    }
}
