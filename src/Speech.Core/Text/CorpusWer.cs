namespace Speech.Core.Text;

/// <summary>Corpus-level WER: Σ(S + D + I) / ΣN over the scored utterances (not the mean of
/// per-utterance WERs), with the utterances and what was excluded.</summary>
public sealed record CorpusWer(IReadOnlyList<UtteranceScore> Utterances, IReadOnlyList<string> ExcludedEmptyReferences)
{
    public int Substitutions => Utterances.Sum(u => u.Alignment.Substitutions);
    public int Deletions => Utterances.Sum(u => u.Alignment.Deletions);
    public int Insertions => Utterances.Sum(u => u.Alignment.Insertions);
    public int ReferenceWords => Utterances.Sum(u => u.Alignment.ReferenceWords);
    public int Errors => Substitutions + Deletions + Insertions;

    /// <summary>Null when no reference word was scored.</summary>
    public double? Wer => ReferenceWords == 0 ? null : (double)Errors / ReferenceWords;
}
