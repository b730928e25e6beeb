namespace Speech.Core.Data;

/// <summary>A manifest line that was skipped, with where it is and what is wrong.</summary>
public sealed record ManifestProblem(string File, int Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
