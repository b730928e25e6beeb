namespace Speech.Captioning.Metrics;

/// <summary>Corpus BLEU-1..4 as the COCO caption evaluation code computes it (bleu_scorer.py,
/// option "closest"): per clip, n-gram matches clipped by the largest count in any one reference,
/// guesses = max(0, len − n + 1), and the reference length closest to the hypothesis length (the
/// shorter one on a tie); matches, guesses and lengths are summed over the corpus before the
/// geometric mean and the brevity penalty exp(1 − r/c) when c &lt; r. The tiny/small constants of
/// the reference keep a zero count at (nearly) zero instead of dividing by zero.</summary>
public static class BleuMetric
{
    const double Tiny = 1e-15, Small = 1e-9;

    /// <returns>BLEU-1..BLEU-4 (index = order − 1).</returns>
    public static double[] Compute(IReadOnlyList<CaptionItem> items, int maxOrder = CaptionNGrams.MaxOrder)
    {
        var correct = new double[maxOrder];
        var guess = new double[maxOrder];
        double testLength = 0, referenceLength = 0;
        foreach (var item in items)
        {
            var hypothesis = CaptionNGrams.Tokens(item.Hypothesis);
            var maxReferenceCounts = new Dictionary<string, int>[maxOrder];
            for (int k = 0; k < maxOrder; k++) maxReferenceCounts[k] = new(StringComparer.Ordinal);
            int closest = int.MaxValue;
            foreach (string reference in item.References)
            {
                var tokens = CaptionNGrams.Tokens(reference);
                int distance = Math.Abs(tokens.Length - hypothesis.Length);
                int best = Math.Abs(closest - hypothesis.Length);
                if (closest == int.MaxValue || distance < best || (distance == best && tokens.Length < closest))
                    closest = tokens.Length;
                var counts = CaptionNGrams.Count(tokens, maxOrder);
                for (int k = 0; k < maxOrder; k++)
                    foreach (var (gram, count) in counts[k])
                        maxReferenceCounts[k][gram] = Math.Max(maxReferenceCounts[k].GetValueOrDefault(gram), count);
            }
            var hypothesisCounts = CaptionNGrams.Count(hypothesis, maxOrder);
            for (int k = 0; k < maxOrder; k++)
            {
                guess[k] += Math.Max(0, hypothesis.Length - k);
                foreach (var (gram, count) in hypothesisCounts[k])
                    correct[k] += Math.Min(maxReferenceCounts[k].GetValueOrDefault(gram), count);
            }
            testLength += hypothesis.Length;
            referenceLength += closest;
        }
        var bleu = new double[maxOrder];
        double product = 1;
        for (int k = 0; k < maxOrder; k++)
        {
            product *= (correct[k] + Tiny) / (guess[k] + Small);
            bleu[k] = Math.Pow(product, 1.0 / (k + 1));
        }
        double ratio = (testLength + Tiny) / (referenceLength + Small);
        if (ratio < 1)
            for (int k = 0; k < maxOrder; k++) bleu[k] *= Math.Exp(1 - 1 / ratio);
        return bleu;
    }
}
