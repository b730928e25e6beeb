namespace Speech.Verification.Scoring;

/// <summary>What a reader or scorer kept, what it skipped (each with file and line), and how many
/// lines it read: <c>Read == Items.Count + Skipped.Count</c> (blank lines are not counted), so
/// nothing goes missing silently.</summary>
public sealed record LinesRead<T>(IReadOnlyList<T> Items, IReadOnlyList<ScoringProblem> Skipped, int Read)
{
    public string Summary(string what) => $"{Read} read, {Items.Count} {what}, {Skipped.Count} skipped";
}
