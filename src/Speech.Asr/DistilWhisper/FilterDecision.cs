namespace Speech.Asr.DistilWhisper;

/// <summary>Why a pseudo-label was kept or dropped, with its WER (percent) where one was computed.</summary>
public sealed record FilterDecision(string Id, bool Kept, string Reason, double? Wer)
{
    public const string KeptReason = "kept", Uppercase = "all-uppercase", EmptyReference = "empty-reference",
        MissingLabel = "missing-label", AboveThreshold = "wer-above-threshold";
}
