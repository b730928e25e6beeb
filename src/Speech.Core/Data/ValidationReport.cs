namespace Speech.Core.Data;

/// <summary>What <see cref="ManifestValidator"/> found: the good cuts and every problem, so that
/// valid + problems = lines read.</summary>
public sealed record ValidationReport(IReadOnlyList<Cut> Valid, IReadOnlyList<ValidationProblem> Problems)
{
    public int Total => Valid.Count + Problems.Count;

    public IReadOnlyDictionary<string, int> ProblemCounts =>
        Problems.GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
}
