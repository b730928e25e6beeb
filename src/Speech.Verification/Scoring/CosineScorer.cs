namespace Speech.Verification.Scoring;

/// <summary>Cosine scoring as WeSpeaker's <c>score.py</c>: optionally subtract a cohort mean
/// embedding (the mean of the training embeddings) from both sides, then
/// <c>cos(e, t) = e·t / (‖e‖‖t‖)</c>. A trial naming an utterance without an embedding is skipped
/// and reported with its trial-list line.</summary>
public sealed class CosineScorer
{
    readonly IReadOnlyDictionary<string, float[]> _embeddings;
    readonly float[]? _mean;

    public CosineScorer(IReadOnlyDictionary<string, float[]> embeddings, float[]? cohortMean = null)
    {
        _embeddings = embeddings;
        _mean = cohortMean;
    }

    /// <summary>The element-wise mean of a cohort's embeddings (all of one width).</summary>
    public static float[] MeanOf(IEnumerable<float[]> cohort)
    {
        double[]? sum = null;
        int count = 0;
        foreach (var e in cohort)
        {
            sum ??= new double[e.Length];
            if (e.Length != sum.Length) throw new Core.Errors.SpeechException($"cohort embeddings differ in width: {sum.Length} and {e.Length}");
            for (int i = 0; i < e.Length; i++) sum[i] += e[i];
            count++;
        }
        if (sum is null) throw new Core.Errors.SpeechException("the cohort for mean subtraction is empty");
        return sum.Select(s => (float)(s / count)).ToArray();
    }

    public LinesRead<ScoredTrial> Score(string trialFile, LinesRead<LabelledTrial> trials)
    {
        var scored = new List<ScoredTrial>(trials.Items.Count);
        var skipped = new List<ScoringProblem>(trials.Skipped);
        foreach (var trial in trials.Items)
        {
            string? missing = !_embeddings.ContainsKey(trial.Enroll) ? trial.Enroll : !_embeddings.ContainsKey(trial.Test) ? trial.Test : null;
            if (missing is not null)
            {
                skipped.Add(new ScoringProblem(trialFile, trial.Line, $"utterance '{missing}' has no embedding (not in the evaluation set)"));
                continue;
            }
            scored.Add(new ScoredTrial(trial.Enroll, trial.Test, Cosine(_embeddings[trial.Enroll], _embeddings[trial.Test]), trial.Target));
        }
        return new LinesRead<ScoredTrial>(scored, skipped.OrderBy(p => p.Line).ToList(), trials.Read);
    }

    public double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new Core.Errors.SpeechException($"embeddings differ in width: {a.Length} and {b.Length}");
        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - (_mean?[i] ?? 0), y = b[i] - (_mean?[i] ?? 0);
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return dot / Math.Max(Math.Sqrt(normA * normB), 1e-12);
    }
}
