namespace Speech.Captioning.Metrics;

/// <summary>CIDEr-D as the COCO caption evaluation code computes it (cider_scorer.py): document
/// frequencies come from the reference corpus only (df(g) = clips whose references contain g), each
/// sentence becomes per-order tf-idf vectors w = tf·(ln N − ln max(1, df)), and a hypothesis meets
/// each reference with a clipped cosine Σ min(w_h, w_r)·w_r / (|w_h||w_r|) damped by the Gaussian
/// length penalty exp(−δ²/2σ²), σ = 6. Orders 1..4 are averaged, references averaged, ×10; the
/// corpus score is the mean over clips. As in the reference, the "length" in δ is the sentence's
/// bigram count (equal to tokens − 1 except for empty sentences).</summary>
public static class CiderDMetric
{
    public const double Sigma = 6.0;

    public static double Compute(IReadOnlyList<CaptionItem> items) =>
        items.Count == 0 ? 0 : ScoreClips(items).Average();

    /// <summary>The score of every clip, in the order given (the idf is that of the whole list).</summary>
    public static double[] ScoreClips(IReadOnlyList<CaptionItem> items, int maxOrder = CaptionNGrams.MaxOrder)
    {
        var references = items.Select(i => i.References.Select(r => CaptionNGrams.Count(CaptionNGrams.Tokens(r), maxOrder)).ToArray()).ToArray();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var clip in references)
            foreach (string gram in clip.SelectMany(r => r.SelectMany(order => order.Keys)).Distinct(StringComparer.Ordinal))
                documentFrequency[gram] = documentFrequency.GetValueOrDefault(gram) + 1;
        double logClips = Math.Log(items.Count);
        TfIdf Vector(Dictionary<string, int>[] counts) => TfIdf.From(counts, documentFrequency, logClips);

        var scores = new double[items.Count];
        for (int c = 0; c < items.Count; c++)
        {
            var hypothesis = Vector(CaptionNGrams.Count(CaptionNGrams.Tokens(items[c].Hypothesis), maxOrder));
            double sum = 0;
            foreach (var reference in references[c])
                sum += hypothesis.Similarity(Vector(reference), Sigma).Sum() / maxOrder;
            scores[c] = references[c].Length == 0 ? 0 : 10.0 * sum / references[c].Length;
        }
        return scores;
    }

    sealed record TfIdf(Dictionary<string, double>[] Weights, double[] Norms, int BigramCount)
    {
        public static TfIdf From(Dictionary<string, int>[] counts, Dictionary<string, int> documentFrequency, double logClips)
        {
            var weights = new Dictionary<string, double>[counts.Length];
            var norms = new double[counts.Length];
            for (int n = 0; n < counts.Length; n++)
            {
                weights[n] = new(StringComparer.Ordinal);
                foreach (var (gram, tf) in counts[n])
                {
                    double w = tf * (logClips - Math.Log(Math.Max(1, documentFrequency.GetValueOrDefault(gram))));
                    weights[n][gram] = w;
                    norms[n] += w * w;
                }
                norms[n] = Math.Sqrt(norms[n]);
            }
            return new TfIdf(weights, norms, counts.Length > 1 ? counts[1].Values.Sum() : 0);
        }

        /// <summary>Clipped, length-penalised cosine per order.</summary>
        public double[] Similarity(TfIdf reference, double sigma)
        {
            double delta = BigramCount - reference.BigramCount;
            double penalty = Math.Exp(-(delta * delta) / (2 * sigma * sigma));
            var values = new double[Weights.Length];
            for (int n = 0; n < Weights.Length; n++)
            {
                double value = 0;
                foreach (var (gram, w) in Weights[n])
                {
                    double r = reference.Weights[n].GetValueOrDefault(gram);
                    value += Math.Min(w, r) * r;
                }
                if (Norms[n] != 0 && reference.Norms[n] != 0) value /= Norms[n] * reference.Norms[n];
                values[n] = value * penalty;
            }
            return values;
        }
    }
}
