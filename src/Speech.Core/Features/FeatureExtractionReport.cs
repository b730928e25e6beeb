using Speech.Core.Data;

namespace Speech.Core.Features;

/// <summary>How an extraction went: the counts (they add up, see <see cref="ItemTally"/>), the bad
/// items skipped under skip-bad and the items that failed (the shard is then not marked done).</summary>
public sealed record FeatureExtractionReport(ItemTally Counts, IReadOnlyList<BadItem> Skipped, IReadOnlyList<BadItem> Failures)
{
    public override string ToString() => Counts.Describe("written", Skipped);
}
