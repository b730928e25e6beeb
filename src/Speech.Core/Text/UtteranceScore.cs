namespace Speech.Core.Text;

/// <summary>One scored utterance: the (normalised) texts and their alignment.</summary>
public sealed record UtteranceScore(string Id, string Reference, string Hypothesis, WordAlignment Alignment);
