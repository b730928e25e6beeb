namespace Speech.Asr.Inference;

/// <summary>One utterance's recognition result: the text and, where the engine gives them, the
/// token ids (no prompt; timestamp tokens only when decoding with timestamps) and the timed
/// segments of a decoding with timestamps.</summary>
public sealed record Transcript(string Text, IReadOnlyList<long> Tokens, IReadOnlyList<TimedSegment>? Segments = null);
