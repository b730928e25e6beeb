namespace Speech.Core.Text;

/// <summary>A minimum-edit (Levenshtein) alignment of two word sequences with its S/D/I counts.
/// Among alignments with the fewest edits, the backtrace prefers a match or substitution, then a
/// deletion, then an insertion, so the split is deterministic.</summary>
public sealed record WordAlignment(IReadOnlyList<AlignedWord> Steps, int Substitutions, int Deletions, int Insertions, int ReferenceWords)
{
    public int Errors => Substitutions + Deletions + Insertions;

    public int Hits => ReferenceWords - Substitutions - Deletions;

    /// <summary>Errors / reference words; null when the reference is empty (WER is undefined there).</summary>
    public double? Wer => ReferenceWords == 0 ? null : (double)Errors / ReferenceWords;

    /// <summary>Aligns whitespace-separated words.</summary>
    public static WordAlignment Align(string reference, string hypothesis) => Align(Words(reference), Words(hypothesis));

    public static WordAlignment Align(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        int n = reference.Count, m = hypothesis.Count;
        var cost = new int[n + 1, m + 1]; // cost[i, j]: edits turning reference[..i] into hypothesis[..j]
        for (int i = 0; i <= n; i++) cost[i, 0] = i;
        for (int j = 0; j <= m; j++) cost[0, j] = j;
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++)
            {
                int diagonal = cost[i - 1, j - 1] + (Same(reference[i - 1], hypothesis[j - 1]) ? 0 : 1);
                cost[i, j] = Math.Min(diagonal, Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1));
            }

        var steps = new List<AlignedWord>(n + m);
        int substitutions = 0, deletions = 0, insertions = 0;
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && cost[i, j] == cost[i - 1, j - 1] + (Same(reference[i - 1], hypothesis[j - 1]) ? 0 : 1))
            {
                bool same = Same(reference[i - 1], hypothesis[j - 1]);
                if (!same) substitutions++;
                steps.Add(new AlignedWord(same ? EditOperation.Match : EditOperation.Substitution, reference[i - 1], hypothesis[j - 1]));
                i--; j--;
            }
            else if (i > 0 && cost[i, j] == cost[i - 1, j] + 1)
            {
                deletions++;
                steps.Add(new AlignedWord(EditOperation.Deletion, reference[i - 1], null));
                i--;
            }
            else
            {
                insertions++;
                steps.Add(new AlignedWord(EditOperation.Insertion, null, hypothesis[j - 1]));
                j--;
            }
        }
        steps.Reverse();
        return new WordAlignment(steps, substitutions, deletions, insertions, n);
    }

    public static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
