namespace Speech.Core.Runtime;

/// <summary>CPU feature flags from /proc/cpuinfo (Linux); empty elsewhere.</summary>
public static class CpuFlags
{
    static readonly Lazy<HashSet<string>> Flags = new(Read);

    /// <summary>True when the CPU multiplies bf16 in hardware (AVX-512 BF16 or AMX); without it
    /// libtorch emulates bf16 matrix products.</summary>
    public static bool NativeBf16 => HasNativeBf16(Flags.Value);

    public static bool HasNativeBf16(IReadOnlySet<string> flags) => flags.Contains("avx512_bf16") || flags.Contains("amx_bf16");

    /// <summary>The flags of the first processor in a /proc/cpuinfo text (empty when it has none).</summary>
    public static HashSet<string> Parse(IEnumerable<string> cpuinfoLines)
    {
        string? line = cpuinfoLines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (line is null) return new HashSet<string>();
        return line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    static HashSet<string> Read()
    {
        const string path = "/proc/cpuinfo";
        return File.Exists(path) ? Parse(File.ReadLines(path)) : new HashSet<string>();
    }
}
