namespace Speech.Verification.Scoring;

/// <summary>EER (a fraction, print ×100), the score at the crossing, and minDCF at the asked
/// operating point and at p_target 0.05 (the second number the recipes print).</summary>
public sealed record VerificationMetrics(double Eer, double EerThreshold, DcfParameters Dcf, double MinDcf,
    double MinDcfAt005, int Targets, int Nontargets)
{
    public static VerificationMetrics Compute(IReadOnlyList<ScoredTrial> trials, DcfParameters? dcf = null)
    {
        var parameters = (dcf ?? DcfParameters.Default).Validated();
        var curve = DetCurve.From(trials);
        var (eer, threshold) = curve.EqualErrorRate();
        return new VerificationMetrics(eer, threshold, parameters, curve.MinDcf(parameters),
            curve.MinDcf(parameters with { PTarget = 0.05 }), curve.Targets, curve.Nontargets);
    }

    /// <summary>WeSpeaker's printout: EER in percent with 3 decimals, minDCF with 3 (4 here).</summary>
    public override string ToString() =>
        $"EER = {100 * Eer:0.000} % (threshold {EerThreshold:0.0000}); minDCF ({Dcf}) = {MinDcf:0.0000}; " +
        $"minDCF (p_target=0.05) = {MinDcfAt005:0.0000}; {Targets} target, {Nontargets} nontarget trials";
}
