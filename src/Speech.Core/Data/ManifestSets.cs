namespace Speech.Core.Data;

/// <summary>Small set operations on cut streams (lazy, order kept).</summary>
public static class ManifestSets
{
    public static IEnumerable<Cut> Shard(IEnumerable<Cut> cuts, ShardSpec shard) =>
        cuts.Where((_, position) => shard.Contains(position));

    public static IEnumerable<Cut> Filter(IEnumerable<Cut> cuts, Func<Cut, bool> keep) => cuts.Where(keep);

    /// <summary>The first <paramref name="count"/> cuts.</summary>
    public static IEnumerable<Cut> Subset(IEnumerable<Cut> cuts, int count) => cuts.Take(count);

    /// <summary>Shortest first; ties by id so the order is total.</summary>
    public static IEnumerable<Cut> SortByDuration(IEnumerable<Cut> cuts) =>
        cuts.OrderBy(c => c.Duration).ThenBy(c => c.Id, StringComparer.Ordinal);
}
