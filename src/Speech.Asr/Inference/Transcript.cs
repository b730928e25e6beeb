namespace Speech.Asr.Inference;

/// <summary>One utterance's recognition result: the text and, where the engine gives them, the
/// token ids (no prompt, no special tokens).</summary>
public sealed record Transcript(string Text, IReadOnlyList<long> Tokens);
