namespace Speech.Core.Data;

/// <summary>What a manifest job did with the items it read: <see cref="Read"/> = <see cref="Done"/> +
/// <see cref="AlreadyDone"/> + <see cref="Skipped"/> + <see cref="Failed"/>, checked on construction.</summary>
/// <param name="Read">Items of the manifest (of this shard), bad lines included.</param>
/// <param name="Done">Items this run finished (features written, cuts found valid).</param>
/// <param name="AlreadyDone">Items an earlier run finished (resumable jobs).</param>
/// <param name="Skipped">Bad items left out under skip-bad.</param>
/// <param name="Failed">Items that could not be finished although not bad (I/O errors).</param>
public sealed record ItemTally(int Read, int Done, int AlreadyDone, int Skipped, int Failed)
{
    public int Read { get; } = Read == Done + AlreadyDone + Skipped + Failed
        ? Read
        : throw new InvalidOperationException($"item counts do not add up: {Read} read, {Done} + {AlreadyDone} + {Skipped} + {Failed}");

    /// <summary>"14 read: 12 written, 0 already done, 2 skipped (1 bad-line, 1 missing), 0 failed";
    /// <paramref name="doneWord"/> names what <see cref="Done"/> means for the job.</summary>
    public string Describe(string doneWord, IEnumerable<BadItem>? skippedItems = null, bool resumable = true)
    {
        string kinds = skippedItems is null ? "" : BadItemPolicy.CountsByKind(skippedItems);
        return $"{Read} read: {Done} {doneWord}{(resumable ? $", {AlreadyDone} already done" : "")}, " +
               $"{Skipped} skipped{(kinds.Length > 0 ? $" ({kinds})" : "")}, {Failed} failed";
    }
}
