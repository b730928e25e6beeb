namespace Speech.Verification.Scoring;

/// <summary>A line that was read but not scored: which file, which line, and why.</summary>
public sealed record ScoringProblem(string File, int Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
