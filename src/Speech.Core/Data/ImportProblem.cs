namespace Speech.Core.Data;

/// <summary>Something an importer could not turn into a cut: where (file, optional line) and what.</summary>
public sealed record ImportProblem(string File, int? Line, string Problem)
{
    public override string ToString() => Line is int line ? $"{File}:{line}: {Problem}" : $"{File}: {Problem}";
}
