namespace Speech.Core.Data;

/// <summary>What <see cref="ManifestValidator"/> found: the good cuts, the bad items skipped and the
/// items it could not check (I/O errors); <see cref="Counts"/> adds them up.</summary>
public sealed record ValidationReport(IReadOnlyList<Cut> Valid, IReadOnlyList<BadItem> Skipped, IReadOnlyList<BadItem> Failures)
{
    public ItemTally Counts => new(Valid.Count + Skipped.Count + Failures.Count, Valid.Count, 0, Skipped.Count, Failures.Count);

    public override string ToString() => Counts.Describe("valid", Skipped, resumable: false);
}
