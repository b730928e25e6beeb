using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Bootstrap confidence intervals for WER (Bisani &amp; Ney, "Bootstrap estimates for
/// confidence intervals in ASR performance evaluation", ICASSP 2004): utterances, not words, are
/// the unit resampled with replacement, since errors within one utterance are correlated. Each
/// replicate's WER is Σ errors / Σ reference words over its draw; the interval is the replicates'
/// percentiles (2.5 and 97.5 for 95 %, linearly interpolated as numpy's default). Two systems on
/// the same references are compared on the same draws (a paired bootstrap), so the interval of
/// their difference is much narrower than either WER's. Deterministic from the seed.</summary>
public static class WerBootstrap
{
    public const int DefaultResamples = 1000;
    public const ulong DefaultSeed = 1;
    public const double DefaultConfidence = 0.95;

    /// <summary>The corpus WER with its interval.</summary>
    public static WerInterval Interval(CorpusWer corpus, int resamples = DefaultResamples, ulong seed = DefaultSeed, double confidence = DefaultConfidence)
    {
        var (errors, words) = Counts(corpus.Utterances);
        var draws = ResampleIndices(errors.Length, resamples, seed);
        return Summarise(Ratio(errors, words), Replicates(errors, words, draws), confidence);
    }

    /// <summary>WER(a) − WER(b) with its paired interval: both scored on the same references (paired
    /// by utterance id; every id in one must be in the other, with the same reference).</summary>
    public static WerInterval Difference(CorpusWer a, CorpusWer b, int resamples = DefaultResamples, ulong seed = DefaultSeed, double confidence = DefaultConfidence)
    {
        var byId = b.Utterances.ToDictionary(u => u.Id, StringComparer.Ordinal);
        if (a.Utterances.Count != b.Utterances.Count)
            throw new SpeechException($"paired WER needs the same utterances: {a.Utterances.Count} against {b.Utterances.Count}");
        var paired = a.Utterances.Select(u => byId.TryGetValue(u.Id, out var other) && other.Reference == u.Reference ? other
            : throw new SpeechException($"paired WER: utterance '{u.Id}' is missing from the second system or has another reference")).ToList();
        var (errorsA, words) = Counts(a.Utterances);
        var (errorsB, _) = Counts(paired);
        var difference = errorsA.Zip(errorsB, (x, y) => x - y).ToArray();
        var draws = ResampleIndices(words.Length, resamples, seed);
        return Summarise(Ratio(difference, words), Replicates(difference, words, draws), confidence);
    }

    /// <summary><paramref name="resamples"/> draws of <paramref name="count"/> utterance indices with
    /// replacement, from <see cref="SeededRandom"/>.</summary>
    public static int[][] ResampleIndices(int count, int resamples, ulong seed)
    {
        if (count < 1) throw new SpeechException("bootstrap needs at least one scored utterance");
        if (resamples < 1) throw new ConfigException($"bootstrap needs at least one resample, not {resamples}");
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, resamples).Select(_ => Enumerable.Range(0, count).Select(_ => random.Next(count)).ToArray()).ToArray();
    }

    /// <summary>Each draw's Σ errors / Σ words (errors may be a paired difference); a draw without
    /// a reference word (only with empty references kept) has no WER and is left out.</summary>
    public static double[] Replicates(IReadOnlyList<int> errors, IReadOnlyList<int> words, IEnumerable<int[]> draws) =>
        draws.Select(draw => (Errors: draw.Sum(i => (long)errors[i]), Words: draw.Sum(i => (long)words[i])))
            .Where(r => r.Words > 0).Select(r => (double)r.Errors / r.Words).ToArray();

    /// <summary>The q-quantile (0 ≤ q ≤ 1) of the values, interpolated linearly between the order
    /// statistics at (n − 1)q (numpy.percentile's default, Hyndman &amp; Fan type 7).</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new SpeechException("bootstrap: no replicate had a reference word");
        var sorted = values.Order().ToArray();
        double position = (sorted.Length - 1) * q;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    static WerInterval Summarise(double value, double[] replicates, double confidence)
    {
        if (confidence is <= 0 or >= 1) throw new ConfigException($"confidence must be between 0 and 1, not {confidence}");
        double tail = (1 - confidence) / 2;
        return new WerInterval(value, Percentile(replicates, tail), Percentile(replicates, 1 - tail), replicates.Length, confidence);
    }

    static (int[] Errors, int[] Words) Counts(IReadOnlyList<UtteranceScore> utterances) =>
        (utterances.Select(u => u.Alignment.Errors).ToArray(),
         utterances.Select(u => u.Alignment.ReferenceWords).ToArray());

    static double Ratio(int[] errors, int[] words)
    {
        long total = words.Sum(w => (long)w);
        if (total == 0) throw new SpeechException("bootstrap: no reference word was scored");
        return (double)errors.Sum(e => (long)e) / total;
    }
}
