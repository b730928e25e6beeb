namespace Speech.Core.Data;

/// <summary>Where the shards of a sharded job stand: finished (marked done), partial (output begun,
/// no done marker: a killed or running task) and missing (nothing written). Reruns need only the
/// partial and missing ones; each resumes or starts, and a finished one is never redone.</summary>
public sealed record ShardStatus(int Count, IReadOnlyList<int> Finished, IReadOnlyList<int> Partial, IReadOnlyList<int> Missing)
{
    /// <summary>The shards a rerun must start, in order.</summary>
    public IReadOnlyList<int> ToRerun => Partial.Concat(Missing).Order().ToList();

    public bool Complete => Partial.Count == 0 && Missing.Count == 0;

    /// <param name="count">Shards of the job (N of <c>--shard i/N</c>).</param>
    /// <param name="finished">Whether shard i/N is marked done.</param>
    /// <param name="started">Whether shard i/N has written anything.</param>
    public static ShardStatus Scan(int count, Func<ShardSpec, bool> finished, Func<ShardSpec, bool> started)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a job has at least one shard");
        List<int> done = new(), partial = new(), missing = new();
        for (int i = 0; i < count; i++)
        {
            var shard = new ShardSpec(i, count);
            (finished(shard) ? done : started(shard) ? partial : missing).Add(i);
        }
        return new ShardStatus(count, done, partial, missing);
    }

    /// <summary>Slurm's <c>--array</c> list of the shards to rerun, runs joined into ranges
    /// (<c>0-2,5</c>); empty when the job is complete.</summary>
    public string SlurmArray()
    {
        var parts = new List<string>();
        var rerun = ToRerun;
        for (int i = 0; i < rerun.Count;)
        {
            int j = i;
            while (j + 1 < rerun.Count && rerun[j + 1] == rerun[j] + 1) j++;
            parts.Add(j == i ? $"{rerun[i]}" : $"{rerun[i]}-{rerun[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}
