using Speech.Core.Data;
using Speech.Core.Text;

namespace Speech.Asr.DistilWhisper;

/// <summary>Distil-Whisper's WER filter (is_wer_in_range): drop an all-uppercase pseudo-label, a cut
/// without a label or with an empty normalised reference, and keep the rest iff
/// <c>100 · WER(norm(label), norm(reference)) &lt; threshold</c> (strict; 10 by default).</summary>
public sealed class PseudoLabelFilter(ITextNormalizer normalizer, double threshold = 10)
{
    public double Threshold => threshold;

    public FilterDecision Decide(Cut cut)
    {
        string? label = PseudoLabelMerge.LabelOf(cut);
        if (label is null) return new FilterDecision(cut.Id, false, FilterDecision.MissingLabel, null);
        if (IsAllUppercase(label)) return new FilterDecision(cut.Id, false, FilterDecision.Uppercase, null);
        string reference = normalizer.Normalize(cut.Text ?? "");
        if (string.IsNullOrWhiteSpace(reference)) return new FilterDecision(cut.Id, false, FilterDecision.EmptyReference, null);
        double wer = 100 * WordAlignment.Align(reference, normalizer.Normalize(label)).Wer!.Value;
        return wer < threshold
            ? new FilterDecision(cut.Id, true, FilterDecision.KeptReason, wer)
            : new FilterDecision(cut.Id, false, FilterDecision.AboveThreshold, wer);
    }

    /// <summary>Letters present and none of them lower-case.</summary>
    public static bool IsAllUppercase(string text) => text.Any(char.IsLetter) && !text.Any(char.IsLower);
}
