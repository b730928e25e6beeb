namespace Speech.Core.Features;

/// <summary>How an extraction went. <see cref="Total"/> = <see cref="Written"/> +
/// <see cref="AlreadyDone"/> + failures, always.</summary>
public sealed record FeatureExtractionReport(int Total, int Written, int AlreadyDone, IReadOnlyList<ExtractionFailure> Failures)
{
    public override string ToString() =>
        $"{Total} cuts: {Written} written, {AlreadyDone} already done, {Failures.Count} failed";
}
