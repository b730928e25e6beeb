using Speech.Core.Errors;

namespace Speech.Captioning.Metrics;

/// <summary>Pairs references and hypotheses by clip id and computes the corpus metrics. Both sides
/// must hold exactly the same ids: a clip scored without references (or left without a
/// hypothesis) would silently change every corpus number, so it is an error naming the id.</summary>
public static class CaptionEvaluator
{
    public static IReadOnlyList<CaptionItem> Pair(IReadOnlyDictionary<string, IReadOnlyList<string>> references,
        IReadOnlyDictionary<string, string> hypotheses, string referenceSource = "references", string hypothesisSource = "hypotheses")
    {
        foreach (string id in references.Keys.Order(StringComparer.Ordinal))
            if (!hypotheses.ContainsKey(id))
                throw new SpeechException($"{hypothesisSource}: no hypothesis for id '{id}' (it has references in {referenceSource})");
        foreach (string id in hypotheses.Keys.Order(StringComparer.Ordinal))
            if (!references.TryGetValue(id, out var refs) || refs.Count == 0)
                throw new SpeechException($"{referenceSource}: no reference for id '{id}' (it has a hypothesis in {hypothesisSource})");
        if (references.Count == 0) throw new SpeechException($"{referenceSource}: no clips to score");
        return references.Keys.Order(StringComparer.Ordinal)
            .Select(id => new CaptionItem(id, references[id], hypotheses[id])).ToArray();
    }

    public static CaptionScores Score(IReadOnlyList<CaptionItem> items, string? jarFolder = null) =>
        new(items.Count, BleuMetric.Compute(items), RougeLMetric.Compute(items), CiderDMetric.Compute(items),
            Meteor: null, Spice: null, ExternalCaptionMetrics.Probe(jarFolder));
}
