using Speech.Core.Errors;

namespace Speech.Verification.Scoring;

/// <summary>Miss and false-alarm rates at every threshold between sorted scores, the way WeSpeaker's
/// <c>compute_pmiss_pfa_rbst</c> builds them: sort the trials by score (ascending; ties keep their
/// input order, numpy's stable sort), then at sorted position i (threshold just above score i, so
/// trials 0..i are rejected) <c>miss[i] = #targets in 0..i / #targets</c> and
/// <c>falseAlarm[i] = 1 − #nontargets in 0..i / #nontargets</c>. Both metrics read these arrays.</summary>
public sealed class DetCurve
{
    DetCurve(double[] sortedScores, double[] miss, double[] falseAlarm, int targets, int nontargets)
    {
        SortedScores = sortedScores;
        MissRates = miss;
        FalseAlarmRates = falseAlarm;
        Targets = targets;
        Nontargets = nontargets;
    }

    public IReadOnlyList<double> SortedScores { get; }
    public IReadOnlyList<double> MissRates { get; }
    public IReadOnlyList<double> FalseAlarmRates { get; }
    public int Targets { get; }
    public int Nontargets { get; }

    /// <summary>Needs at least one target and one nontarget trial and finite scores.</summary>
    public static DetCurve From(IReadOnlyList<ScoredTrial> trials)
    {
        int targets = trials.Count(t => t.Target), nontargets = trials.Count - targets;
        if (targets == 0 || nontargets == 0)
            throw new SpeechException($"EER needs target and nontarget trials; got {targets} target and {nontargets} nontarget");
        if (trials.FirstOrDefault(t => !double.IsFinite(t.Score)) is { } bad)
            throw new SpeechException($"trial '{bad.Enroll} {bad.Test}' has a non-finite score {bad.Score}");
        var order = trials.Select((t, i) => (t.Score, t.Target, i)).OrderBy(x => x.Score).ThenBy(x => x.i).ToArray();
        var miss = new double[order.Length];
        var falseAlarm = new double[order.Length];
        int targetsBelow = 0, nontargetsBelow = 0;
        for (int i = 0; i < order.Length; i++)
        {
            if (order[i].Target) targetsBelow++; else nontargetsBelow++;
            miss[i] = (double)targetsBelow / targets;
            falseAlarm[i] = 1 - (double)nontargetsBelow / nontargets;
        }
        return new DetCurve(order.Select(x => x.Score).ToArray(), miss, falseAlarm, targets, nontargets);
    }

    /// <summary>WeSpeaker's <c>compute_eer</c>: x1 = first position with miss − fa ≥ 0, x2 = last
    /// position with miss − fa &lt; 0; the two lines are intersected between them. When no position
    /// has miss − fa &lt; 0 (a single target scored lowest, where WeSpeaker's indexing fails) the
    /// point before all thresholds (miss 0, fa 1) stands in for x2.</summary>
    public (double Eer, double Threshold) EqualErrorRate()
    {
        int x1 = -1, x2 = -1;
        for (int i = 0; i < MissRates.Count; i++)
        {
            double difference = MissRates[i] - FalseAlarmRates[i];
            if (difference >= 0 && x1 < 0) x1 = i;
            if (difference < 0) x2 = i;
        }
        // x1 always exists: at the last position miss = 1 and fa = 0.
        double miss2 = x2 >= 0 ? MissRates[x2] : 0, fa2 = x2 >= 0 ? FalseAlarmRates[x2] : 1;
        double miss1 = MissRates[x1], fa1 = FalseAlarmRates[x1];
        double a = (miss1 - fa1) / (fa2 - fa1 - (miss2 - miss1));
        return (miss1 + a * (miss2 - miss1), SortedScores[x1]);
    }

    /// <summary>WeSpeaker's <c>compute_c_norm</c>: <c>min_i [c_miss·miss_i·p + c_fa·fa_i·(1−p)]</c>
    /// over the sorted positions, divided by <c>min(c_miss·p, c_fa·(1−p))</c>, the cost of the
    /// better trivial system.</summary>
    public double MinDcf(DcfParameters parameters)
    {
        var (p, cMiss, cFa) = parameters.Validated();
        double best = double.PositiveInfinity;
        for (int i = 0; i < MissRates.Count; i++)
            best = Math.Min(best, cMiss * MissRates[i] * p + cFa * FalseAlarmRates[i] * (1 - p));
        return best / Math.Min(cMiss * p, cFa * (1 - p));
    }
}
