using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Scores hypotheses against references: normalise both sides (when a normaliser is
/// given), align words, sum edits over the corpus.</summary>
public sealed class WerScorer(ITextNormalizer? normalizer = null, EmptyReferencePolicy emptyReferences = EmptyReferencePolicy.Exclude)
{
    public UtteranceScore ScoreOne(string id, string reference, string hypothesis)
    {
        string r = normalizer?.Normalize(reference) ?? reference;
        string h = normalizer?.Normalize(hypothesis) ?? hypothesis;
        return new UtteranceScore(id, r, h, WordAlignment.Align(r, h));
    }

    /// <summary>Pairs by id: every reference id needs a hypothesis (a missing one is an error, not
    /// an all-deletion guess); hypothesis ids without a reference are errors too.</summary>
    public CorpusWer Score(IReadOnlyDictionary<string, string> references, IReadOnlyDictionary<string, string> hypotheses)
    {
        var missing = references.Keys.Where(id => !hypotheses.ContainsKey(id)).ToList();
        if (missing.Count > 0) throw new SpeechException($"{missing.Count} reference id(s) have no hypothesis, first '{missing[0]}'");
        var extra = hypotheses.Keys.Where(id => !references.ContainsKey(id)).ToList();
        if (extra.Count > 0) throw new SpeechException($"{extra.Count} hypothesis id(s) have no reference, first '{extra[0]}'");
        return Score(references.Select(p => (p.Key, p.Value, hypotheses[p.Key])));
    }

    public CorpusWer Score(IEnumerable<(string Id, string Reference, string Hypothesis)> pairs)
    {
        var scored = new List<UtteranceScore>();
        var excluded = new List<string>();
        foreach (var (id, reference, hypothesis) in pairs)
        {
            var score = ScoreOne(id, reference, hypothesis);
            if (score.Alignment.ReferenceWords == 0 && emptyReferences == EmptyReferencePolicy.Exclude) excluded.Add(id);
            else scored.Add(score);
        }
        return new CorpusWer(scored, excluded);
    }
}
