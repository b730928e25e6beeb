namespace Speech.Core.Text;

/// <summary>A pair in a word alignment; <see cref="Reference"/> is null for an insertion,
/// <see cref="Hypothesis"/> null for a deletion.</summary>
public sealed record AlignedWord(EditOperation Operation, string? Reference, string? Hypothesis);
