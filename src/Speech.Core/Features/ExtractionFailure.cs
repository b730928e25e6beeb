namespace Speech.Core.Features;

/// <summary>A cut whose features could not be made, and why (the decoder's message names the file).</summary>
public sealed record ExtractionFailure(string CutId, string Problem);
