namespace Speech.Asr.Inference;

/// <summary>Joins the token sequences of overlapping chunks: for each neighbouring pair, the
/// longest run of tokens that ends the left chunk's text and starts the right one's in the same
/// order (their shared overlap) is found, and the join is made at that run's middle, so each side
/// contributes the half it heard best (farther from its window's edge). With no shared run the
/// sequences are concatenated.</summary>
public static class TokenOverlapMerge
{
    public static List<long> Merge(IReadOnlyList<IReadOnlyList<long>> chunks)
    {
        var merged = chunks.Count > 0 ? chunks[0].ToList() : new List<long>();
        for (int c = 1; c < chunks.Count; c++)
        {
            var right = chunks[c];
            // The overlap is at the end of what is merged so far and can be no longer than the right
            // chunk: searching only there keeps a repeated phrase from matching far back.
            int offset = Math.Max(0, merged.Count - right.Count);
            var (leftStart, rightStart, length) = LongestCommonRun(merged.GetRange(offset, merged.Count - offset), right);
            if (length == 0) { merged.AddRange(right); continue; }
            int half = length / 2;
            merged.RemoveRange(offset + leftStart + half, merged.Count - (offset + leftStart + half));
            merged.AddRange(right.Skip(rightStart + half));
        }
        return merged;
    }

    /// <summary>The longest contiguous run shared by the two sequences (dynamic programming, O(n·m));
    /// ties go to the run latest in the left sequence.</summary>
    public static (int LeftStart, int RightStart, int Length) LongestCommonRun(IReadOnlyList<long> left, IReadOnlyList<long> right)
    {
        var previous = new int[right.Count + 1];
        var current = new int[right.Count + 1];
        (int, int, int) best = (0, 0, 0);
        for (int i = 1; i <= left.Count; i++)
        {
            for (int j = 1; j <= right.Count; j++)
            {
                current[j] = left[i - 1] == right[j - 1] ? previous[j - 1] + 1 : 0;
                if (current[j] > 0 && current[j] >= best.Item3) best = (i - current[j], j - current[j], current[j]);
            }
            (previous, current) = (current, previous);
            Array.Clear(current);
        }
        return best;
    }
}
