using System.Diagnostics;
using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Core.Data;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Captioning.Training;

/// <summary>Captions every cut of a manifest with a trained model, timing the model work (features,
/// encoder, search) apart from audio reading so two models' times compare. A clip whose audio
/// cannot be decoded is skipped, reported and counted.</summary>
public static class CaptionGeneration
{
    public sealed record Outcome(IReadOnlyList<(string Id, string Caption)> Captions, IReadOnlyList<string> Undecodable, double ModelSeconds);

    public static Outcome Run(CaptionModel model, CaptionVocabulary vocabulary, IReadOnlyList<Cut> cuts, int? beamSize = null,
        int batchSize = 16, Device? device = null, IProgress<WorkProgress>? progress = null)
    {
        var captions = new List<(string, string)>();
        var batches = new DecodedBatches(cuts, batchSize);
        using var features = new CaptionFeatures(model.Config.FeatureDim, device);
        var clock = new Stopwatch();
        foreach (var audio in batches.Read())
        {
            clock.Start();
            using (var scope = NewDisposeScope())
            {
                var (feats, lengths) = features.Extract(audio.Select(a => a.Samples).ToList());
                var words = CaptionSearch.Generate(model, feats, lengths, beamSize);
                for (int i = 0; i < audio.Count; i++) captions.Add((audio[i].Cut.Id, vocabulary.Decode(words[i])));
            }
            clock.Stop();
            progress?.Report(new WorkProgress(captions.Count + batches.Undecodable.Count, cuts.Count));
        }
        return new Outcome(captions, batches.Undecodable, clock.Elapsed.TotalSeconds);
    }
}
