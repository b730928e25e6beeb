namespace Speech.Core.Runtime;

/// <summary>CPU feature flags from /proc/cpuinfo (Linux); empty elsewhere.</summary>
public static class CpuFlags
{
    static readonly Lazy<HashSet<string>> Flags = new(Read);

    public static bool Has(string flag) => Flags.Value.Contains(flag);

    static HashSet<string> Read()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return new HashSet<string>();
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal));
        if (line is null) return new HashSet<string>();
        return line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }
}
