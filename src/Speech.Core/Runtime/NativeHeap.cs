using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Speech.Core.Runtime;

/// <summary>Keeps libtorch's CPU tensors out of the kernel. glibc's malloc serves a block above its
/// mmap threshold with a fresh mapping and unmaps it on free; libtorch allocates and frees tensors of
/// a few megabytes at every op, so each one cost page faults. The quantizer's refinement search spent
/// most of its time in the kernel (`mvq train-quantizer`, 20 + 20 steps and the held-out table: 191 s
/// wall, 149 s of it system time; with the threshold fixed at glibc's largest, 32 MB, and the trim
/// threshold raised with it: 37 s, 2 s).
/// Applied once per process when Speech.Core loads (CLI, tests, benchmarks), on Linux, unless the user
/// chose a threshold (MALLOC_MMAP_THRESHOLD_ or GLIBC_TUNABLES) or SPEECH_DEFAULT_HEAP=1 asks for glibc's
/// defaults; elsewhere it does nothing.</summary>
public static class NativeHeap
{
    const int MmapThresholdParameter = -3, TrimThresholdParameter = -1; // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD in glibc's malloc.h
    public const int ThresholdBytes = 32 * 1024 * 1024; // glibc's maximum on 64-bit
    // A fixed mmap threshold also stops glibc raising the trim threshold with it: freed blocks at the
    // top of the heap would go back to the kernel at 128 KB and fault in again. Keep up to 512 MB.
    public const int TrimBytes = 512 * 1024 * 1024;

    /// <summary>Set to 1, leaves glibc's defaults (for comparisons).</summary>
    public const string OptOut = "SPEECH_DEFAULT_HEAP";

    /// <summary>Whether this process runs with the fixed threshold.</summary>
    public static bool Tuned { get; private set; }

    /// <summary>Why not, when not (null when tuned).</summary>
    public static string? NotTunedBecause { get; private set; } = "not applied yet";

#pragma warning disable CA2255 // a library's module initializer, on purpose: every process that loads the toolkit needs it before its first tensor
    [ModuleInitializer]
    internal static void Initialize() => Apply();
#pragma warning restore CA2255

    static void Apply()
    {
        if (!OperatingSystem.IsLinux()) { NotTunedBecause = "not Linux"; return; }
        if (Environment.GetEnvironmentVariable(OptOut) == "1") { NotTunedBecause = $"{OptOut}=1"; return; } // glibc's own behaviour, to compare
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null ||
            Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("mmap_threshold", StringComparison.Ordinal) == true)
        {
            NotTunedBecause = "the environment sets the mmap threshold";
            return;
        }
        try
        {
            Tuned = Mallopt(MmapThresholdParameter, ThresholdBytes) == 1 && Mallopt(TrimThresholdParameter, TrimBytes) == 1;
            NotTunedBecause = Tuned ? null : "mallopt refused the threshold";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            NotTunedBecause = "no glibc mallopt"; // musl and others: their allocators differ
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);
}
