namespace Speech.Asr.Ctc;

/// <summary>CTC decoding over per-frame log-probabilities <c>[T][V]</c> (blank = 0): greedy
/// (best token per frame, repeats merged, blanks dropped; parallel and what a deployed model
/// runs) and prefix beam search (sums over all alignments of a labelling).</summary>
public static class CtcDecoding
{
    public const int Blank = 0;

    public static List<int> Greedy(IReadOnlyList<float[]> logProbabilities)
    {
        var tokens = new List<int>();
        int previous = Blank;
        foreach (var frame in logProbabilities)
        {
            int best = ArgMax(frame);
            if (best != Blank && best != previous) tokens.Add(best);
            previous = best;
        }
        return tokens;
    }

    /// <summary>The labelling with the highest total probability among the surviving prefixes.
    /// With a beam at least as large as the number of distinct prefixes it is exact.</summary>
    public static List<int> PrefixBeamSearch(IReadOnlyList<float[]> logProbabilities, int beamSize = 8) =>
        PrefixBeamSearch(logProbabilities, beamSize, null);

    /// <summary>Prefix beam search with shallow fusion (Hannun et al. 2014): each prefix is ranked by
    /// <c>log P_ctc + weight · log P_lm + bonus · length</c>, the language model scoring every token
    /// added (units shifted by one: the LM knows no blank) and, at the end, the end of the sentence.
    /// With no language model it is the plain search.</summary>
    public static List<int> PrefixBeamSearch(IReadOnlyList<float[]> logProbabilities, int beamSize, Speech.Core.Text.NgramLanguageModel? lm,
        double lmWeight = 0.5, double insertionBonus = 0.0)
    {
        var lmScores = new Dictionary<string, double>(StringComparer.Ordinal) { [""] = 0 };
        double Fusion(string key, List<int> tokens)
        {
            if (lm is null) return 0;
            if (!lmScores.TryGetValue(key, out double score))
            {
                var parent = tokens.Take(tokens.Count - 1).ToList();
                score = Fusion(string.Join(',', parent), parent) + lmWeight * lm.LogProbability(parent.Select(t => t - 1).ToList(), tokens[^1] - 1) + insertionBonus;
                lmScores[key] = score;
            }
            return score;
        }
        // Each prefix carries log P(ending in blank) and log P(ending in its last token).
        var beams = new Dictionary<string, (List<int> Tokens, double Blank, double NonBlank)>
        {
            [""] = (new List<int>(), 0, double.NegativeInfinity),
        };
        foreach (var frame in logProbabilities)
        {
            var next = new Dictionary<string, (List<int> Tokens, double Blank, double NonBlank)>();
            void Add(List<int> tokens, double blank, double nonBlank)
            {
                string key = string.Join(',', tokens);
                next[key] = next.TryGetValue(key, out var old)
                    ? (old.Tokens, LogAdd(old.Blank, blank), LogAdd(old.NonBlank, nonBlank))
                    : (tokens, blank, nonBlank);
            }
            foreach (var (_, (tokens, pBlank, pNonBlank)) in beams)
            {
                double total = LogAdd(pBlank, pNonBlank);
                Add(tokens, total + frame[Blank], double.NegativeInfinity);
                int last = tokens.Count > 0 ? tokens[^1] : -1;
                for (int v = 1; v < frame.Length; v++)
                {
                    if (double.IsNegativeInfinity(frame[v])) continue;
                    var extended = new List<int>(tokens) { v };
                    if (v == last)
                    {
                        Add(tokens, double.NegativeInfinity, pNonBlank + frame[v]);  // repeat merges
                        Add(extended, double.NegativeInfinity, pBlank + frame[v]);   // a blank separated them
                    }
                    else Add(extended, double.NegativeInfinity, total + frame[v]);
                }
            }
            beams = next.OrderByDescending(p => LogAdd(p.Value.Blank, p.Value.NonBlank) + Fusion(p.Key, p.Value.Tokens))
                .Take(beamSize).ToDictionary(p => p.Key, p => p.Value);
        }
        double Final(string key, List<int> tokens) => LogAdd(beams[key].Blank, beams[key].NonBlank) + Fusion(key, tokens)
            + (lm is null ? 0 : lmWeight * lm.LogProbability(tokens.Select(t => t - 1).ToList(), lm.End));
        return beams.OrderByDescending(b => Final(b.Key, b.Value.Tokens)).First().Value.Tokens;
    }

    /// <summary>log(e^a + e^b), exact at −∞.</summary>
    internal static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }

    static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
