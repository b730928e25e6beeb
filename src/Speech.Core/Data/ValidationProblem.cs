namespace Speech.Core.Data;

/// <summary>A cut (or manifest line) that failed validation.</summary>
/// <param name="Kind">bad-line, missing, unreadable, empty, duration-mismatch, rate-mismatch.</param>
public sealed record ValidationProblem(string Kind, string Where, string Problem)
{
    public override string ToString() => $"{Where}: {Problem}";
}
