using Speech.Core.Errors;
using Speech.Verification.Scoring;

namespace Speech.Verification.Tests.Scoring;

public sealed class DetCurveTests
{
    static ScoredTrial T(double score) => new("e", "t", score, true);
    static ScoredTrial N(double score) => new("e", "t", score, false);

    [Fact]
    public void Perfectly_separated_scores_give_zero_eer_and_zero_min_dcf()
    {
        var trials = new[] { N(0.1), T(0.9), N(0.2), T(0.8), N(0.3), T(0.7) };
        var metrics = VerificationMetrics.Compute(trials);
        Assert.Equal(0, metrics.Eer, 12);
        Assert.Equal(0.3, metrics.EerThreshold, 12); // the last nontarget: miss 0, fa 0 there
        Assert.Equal(0, metrics.MinDcf, 12);
        Assert.Equal(0, metrics.MinDcfAt005, 12);
    }

    [Fact]
    public void Identical_distributions_give_about_fifty_percent()
    {
        var random = new Random(7);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var trials = Enumerable.Range(0, 4000).Select(i => new ScoredTrial("e", "t", Gaussian(), i % 2 == 0)).ToList();
        var metrics = VerificationMetrics.Compute(trials);
        // 2000 vs 2000 draws of one distribution: the EER's spread is about 0.01.
        Assert.InRange(metrics.Eer, 0.46, 0.54);
        Assert.InRange(metrics.MinDcf, 0.95, 1.0); // no threshold beats rejecting everything by much
    }

    /// <summary>Worked by hand. Sorted: 0.1N 0.2T 0.3N 0.5T 0.6N 0.7T 0.9T (4 targets, 3 nontargets).
    /// Position i rejects scores 0..i: miss = targets so far / 4, fa = 1 − nontargets so far / 3:
    /// i0 (0, 2/3) · i1 (1/4, 2/3) · i2 (1/4, 1/3) · i3 (1/2, 1/3) · i4 (1/2, 0) · i5 (3/4, 0) · i6 (1, 0).
    /// miss − fa: −2/3, −5/12, −1/12, +1/6, … so x1 = 3 (first ≥ 0), x2 = 2 (last &lt; 0).
    /// a = (1/2 − 1/3) / (1/3 − 1/3 − (1/4 − 1/2)) = (1/6)/(1/4) = 2/3;
    /// EER = 1/2 + 2/3·(1/4 − 1/2) = 1/3, threshold = score at x1 = 0.5.
    /// minDCF, p 0.01, costs 1: cost_i = 0.01·miss + 0.99·fa = 0.66, 0.6625, 0.3325, 0.335, 0.005,
    /// 0.0075, 0.01 → min 0.005, over min(0.01, 0.99) = 0.01 → 0.5.
    /// p 0.9: cost_i = 0.9·miss + 0.1·fa = 0.0667, 0.2917, 0.2583, 0.4833, 0.45, 0.675, 0.9 → min
    /// 1/15 over min(0.9, 0.1) = 0.1 → 2/3.</summary>
    [Fact]
    public void Small_case_matches_the_hand_computation()
    {
        var trials = new[] { T(0.9), N(0.6), T(0.2), N(0.1), T(0.7), N(0.3), T(0.5) };
        var curve = DetCurve.From(trials);
        var (eer, threshold) = curve.EqualErrorRate();
        Assert.Equal(1.0 / 3, eer, 12);
        Assert.Equal(0.5, threshold, 12);
        Assert.Equal(0.5, curve.MinDcf(new DcfParameters(0.01)), 12);
        Assert.Equal(2.0 / 3, curve.MinDcf(new DcfParameters(0.9)), 12);
        Assert.Equal([0, 0.25, 0.25, 0.5, 0.5, 0.75, 1], curve.MissRates.ToArray());
    }

    /// <summary>One target scored lowest: miss − fa is never negative (WeSpeaker's indexing fails);
    /// the point before all thresholds (miss 0, fa 1) is x2. x1 = 0 (miss 1, fa 1): a = 0/(1 − 1 − (0 − 1)) = 0,
    /// EER = 1 (every threshold errs on one side).</summary>
    [Fact]
    public void A_single_target_scored_lowest_gives_eer_one()
    {
        var (eer, _) = DetCurve.From([T(0.0), N(0.5), N(0.7)]).EqualErrorRate();
        Assert.Equal(1, eer, 12);
    }

    [Fact]
    public void Ties_keep_input_order_so_the_result_is_deterministic()
    {
        var a = VerificationMetrics.Compute([T(0.5), N(0.5), T(0.9), N(0.1)]);
        var b = VerificationMetrics.Compute([T(0.5), N(0.5), T(0.9), N(0.1)]);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Without_both_kinds_of_trial_it_says_so()
    {
        var error = Assert.Throws<SpeechException>(() => DetCurve.From([T(0.1), T(0.2)]));
        Assert.Contains("0 nontarget", error.Message);
        Assert.Throws<SpeechException>(() => DetCurve.From([T(double.NaN), N(0.2)]));
        Assert.Throws<SpeechException>(() => DetCurve.From([T(0.3), N(0.2)]).MinDcf(new DcfParameters(1.5)));
    }
}
