namespace Speech.Captioning.Metrics;

/// <summary>ROUGE-L as the COCO caption evaluation code computes it (rouge.py): per clip, the
/// longest common subsequence with each reference gives precision lcs/|hyp| and recall lcs/|ref|;
/// the best precision and the best recall (taken separately, over references) enter
/// F = (1 + β²)PR / (R + β²P) with β = 1.2; the corpus score is the mean over clips.</summary>
public static class RougeLMetric
{
    public const double Beta = 1.2;

    public static double Compute(IReadOnlyList<CaptionItem> items) =>
        items.Count == 0 ? 0 : items.Average(ScoreClip);

    public static double ScoreClip(CaptionItem item)
    {
        var hypothesis = CaptionNGrams.Tokens(item.Hypothesis);
        if (hypothesis.Length == 0) return 0;
        double bestPrecision = 0, bestRecall = 0;
        foreach (string reference in item.References)
        {
            var tokens = CaptionNGrams.Tokens(reference);
            if (tokens.Length == 0) continue;
            int lcs = LongestCommonSubsequence(tokens, hypothesis);
            bestPrecision = Math.Max(bestPrecision, lcs / (double)hypothesis.Length);
            bestRecall = Math.Max(bestRecall, lcs / (double)tokens.Length);
        }
        if (bestPrecision == 0 || bestRecall == 0) return 0;
        double beta2 = Beta * Beta;
        return (1 + beta2) * bestPrecision * bestRecall / (bestRecall + beta2 * bestPrecision);
    }

    static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
