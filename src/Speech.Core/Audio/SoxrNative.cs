using System.Runtime.InteropServices;

namespace Speech.Core.Audio;

/// <summary>libsoxr entry points (soxr.h 0.1.x). soxr_error_t is a C string, null for success.</summary>
internal static unsafe partial class SoxrNative
{
    const string Library = "libsoxr.so.0";

    /// <summary>struct soxr_quality_spec: precision, phase_response, passband_end, stopband_begin, e, flags.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public IntPtr Reserved;
        public nuint Flags; // unsigned long: 64-bit on LP64 Linux
    }

    [LibraryImport(Library, EntryPoint = "soxr_quality_spec")]
    public static partial QualitySpec CreateQualitySpec(nuint recipe, nuint flags);

    /// <summary>soxr_oneshot with default (float32 interleaved) io spec and runtime spec.</summary>
    [LibraryImport(Library, EntryPoint = "soxr_oneshot")]
    public static partial IntPtr OneShot(double inputRate, double outputRate, uint channels,
        float* input, nuint inputLength, nuint* inputDone,
        float* output, nuint outputLength, nuint* outputDone,
        IntPtr ioSpec, QualitySpec* qualitySpec, IntPtr runtimeSpec);
}
