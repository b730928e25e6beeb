using Speech.Captioning.Data;
using Speech.Captioning.Metrics;
using Speech.Captioning.Model;
using Speech.Core.Data;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Captioning.Training;

/// <summary>Captions a captioned manifest and scores the captions against its references, both
/// sides normalised as the vocabulary normalises (lower case, words only: the pre-tokenised form
/// the metrics compare). Undecodable clips are left out of both sides and counted.</summary>
public static class CaptionEvaluation
{
    public sealed record Report(CaptionScores Scores, double ModelSeconds, long Parameters, CaptionGeneration.Outcome Generation);

    public static Report Run(CaptionModel model, CaptionVocabulary vocabulary, IReadOnlyList<Cut> cuts, int? beamSize = null,
        Device? device = null, string? jarFolder = null, IProgress<WorkProgress>? progress = null)
    {
        var generation = CaptionGeneration.Run(model, vocabulary, cuts, beamSize, device: device, progress: progress);
        var generated = generation.Captions.ToDictionary(c => c.Id, c => c.Caption, StringComparer.Ordinal);
        var references = cuts.Where(c => generated.ContainsKey(c.Id)).ToDictionary(c => c.Id,
            c => (IReadOnlyList<string>)CaptionTextFiles.CutCaptions(c, "manifest").Select(CaptionVocabulary.Normalize).ToArray(), StringComparer.Ordinal);
        var scores = CaptionEvaluator.Score(CaptionEvaluator.Pair(references, generated, "manifest", "generated captions"), jarFolder);
        return new Report(scores, generation.ModelSeconds, model.parameters().Sum(p => p.numel()), generation);
    }
}
