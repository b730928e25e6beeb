namespace Speech.Core.Text;

/// <summary>A corpus WER (or a paired WER difference) with its bootstrap confidence interval, as
/// fractions (0.1 = 10 %). <see cref="ExcludesZero"/> is what decides a difference between systems.</summary>
public sealed record WerInterval(double Value, double Lower, double Upper, int Resamples, double Confidence)
{
    public bool ExcludesZero => Lower > 0 || Upper < 0;

    /// <summary>"12.34% [10.10, 14.60]" (percent, the interval in brackets).</summary>
    public string ToPercentString() =>
        FormattableString.Invariant($"{100 * Value:0.00}% [{100 * Lower:0.00}, {100 * Upper:0.00}]");
}
