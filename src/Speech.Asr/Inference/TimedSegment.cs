namespace Speech.Asr.Inference;

/// <summary>One timed segment of a transcript decoded with timestamps (seconds from the input's start).</summary>
public sealed record TimedSegment(double Start, double End, IReadOnlyList<long> Tokens);
