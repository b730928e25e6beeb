namespace Speech.Captioning.Metrics;

/// <summary>One clip to score: its id, its reference captions (one or more) and the system's
/// caption. Texts are pre-tokenised: tokens separated by white space, compared as they are (the
/// COCO evaluation code lower-cases and tokenises with the Java PTB tokenizer first; feed text that
/// has been normalised the same way on both sides).</summary>
public sealed record CaptionItem(string Id, IReadOnlyList<string> References, string Hypothesis);
