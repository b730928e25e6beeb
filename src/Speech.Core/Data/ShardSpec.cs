using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (<c>--shard i/N</c>, i from 0 to
/// N-1). Shard i holds the cuts at positions p with p mod N = i, so the N shards cover every cut
/// exactly once and differ in size by at most one.</summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec Whole = new(0, 1);

    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 0 && index < count)
            return new ShardSpec(index, count);
        throw new ConfigException($"--shard {text}: expected i/N with 0 <= i < N (e.g. 0/4), or auto");
    }

    public bool Contains(int position) => position % Count == Index;

    public override string ToString() => $"{Index}/{Count}";
}
