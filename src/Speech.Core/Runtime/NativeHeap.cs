using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Speech.Core.Runtime;

/// <summary>Keeps libtorch's CPU tensors out of the kernel. glibc's malloc serves a block above its
/// mmap threshold with a fresh mapping and unmaps it on free; libtorch allocates and frees tensors of
/// a few megabytes at every op, so each one cost page faults. The quantizer's refinement search spent
/// most of its time in the kernel (`mvq train-quantizer`, 20 + 20 steps and the held-out table: 191 s
/// wall, 149 s of it system time; with the threshold fixed at glibc's largest, 32 MB, and the trim
/// threshold raised with it: 37 s, 2 s).
/// Tensors above 32 MB (a batch's 51,864-way logits) still get fresh mappings, faulted in 4 KB at a time:
/// 18 % of a Distil-Whisper training step's samples were page faults. libtorch backs its allocations of
/// 2 MB and more with transparent huge pages when <c>THP_MEM_ALLOC_ENABLE=1</c> is in the native
/// environment before its first tensor, so that is set too (the mini chain's stage 5: 0.97 → 1.97 steps/s).
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

    /// <summary>libtorch's switch for 2 MB-aligned allocations advised as transparent huge pages.</summary>
    public const string HugePagesVariable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>Whether this process asked libtorch for huge pages (the kernel decides whether it gets
    /// them: see <see cref="KernelHugePageMode"/>).</summary>
    public static bool HugePages { get; private set; }

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
        AskForHugePages();
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

    // .NET keeps its own copy of the environment: libtorch's getenv sees only libc's, so setenv it there
    // (without overwriting a value the user gave, 0 included).
    static void AskForHugePages()
    {
        try
        {
            if (Environment.GetEnvironmentVariable(HugePagesVariable) is { } chosen) { HugePages = chosen == "1"; return; }
            HugePages = SetEnv(HugePagesVariable, "1", 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            HugePages = false;
        }
    }

    /// <summary>The kernel's transparent huge page mode (<c>always</c>, <c>madvise</c> or <c>never</c>;
    /// libtorch's advice counts in the first two), or null where it cannot be read.</summary>
    public static string? KernelHugePageMode()
    {
        const string path = "/sys/kernel/mm/transparent_hugepage/enabled";
        try
        {
            if (!File.Exists(path)) return null;
            var text = File.ReadAllText(path); // "always [madvise] never": the bracketed one is chosen
            int open = text.IndexOf('['), close = text.IndexOf(']');
            return open >= 0 && close > open ? text[(open + 1)..close] : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);
}
