namespace Speech.Core.Data;

/// <summary>SplitMix64: a tiny PRNG whose sequence is fixed by its seed on every platform and
/// .NET version (System.Random's seeded sequence is not a documented contract), so shuffles,
/// samplers and synthesis are reproducible from the seed alone.</summary>
public sealed class SeededRandom(ulong seed)
{
    ulong state = seed;

    /// <summary>A seed for a sub-stream (e.g. seed and epoch), mixed so nearby inputs differ.</summary>
    public static ulong Combine(long a, long b) => Mix(Mix((ulong)a) ^ (ulong)b * 0x9E3779B97F4A7C15UL);

    /// <summary>FNV-1a of a string: a seed from an id that is the same in every run and on every
    /// platform (string.GetHashCode is randomised per process).</summary>
    public static long StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text) hash = (hash ^ c) * 1099511628211UL;
        return (long)hash;
    }

    public ulong NextUInt64() => Mix(state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        return (int)(NextUInt64() % (ulong)maxExclusive); // bias below 2^-32 for our sizes
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><paramref name="count"/> distinct items in random order (a partial Fisher–Yates over a copy).</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        if (count < 0 || count > items.Count) throw new ArgumentOutOfRangeException(nameof(count));
        var copy = items.ToList();
        for (int i = 0; i < count; i++)
        {
            int j = i + Next(copy.Count - i);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy.GetRange(0, count);
    }

    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
