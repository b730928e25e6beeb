using System.Diagnostics;
using Speech.Core.Progress;
using Speech.Verification.Model;
using Speech.Verification.Training;
using static TorchSharp.torch;

namespace Speech.Verification.Embedding;

/// <summary>L2-normalised embeddings of every cut of a manifest (whole utterances, batched by
/// length), with the model's forward time per utterance (features excluded).</summary>
public static class SpeakerEmbedder
{
    public sealed record Outcome(IReadOnlyDictionary<string, float[]> Embeddings, double MillisecondsPerUtterance, long Parameters, int Dimension);

    public static Outcome Embed(string modelFolder, string manifest, string? embedding = null, int batchSize = 16, IProgress<WorkProgress>? progress = null)
    {
        using var model = SpeakerModelFolder.Load(modelFolder, embedding);
        var data = SpeakerFeatureSet.Load(manifest, model.Config.FeatureDim, needSpeakers: false);
        var byLength = Enumerable.Range(0, data.Cuts.Count).OrderBy(data.FrameCount).ToList();
        var embeddings = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var clock = new Stopwatch();
        using var noGrad = no_grad();
        foreach (var chosen in byLength.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            var (features, lengths) = data.Batch(chosen);
            clock.Start();
            var rows = model.Embed(features, lengths); // [B, E]
            float[] flat = rows.contiguous().data<float>().ToArray();
            clock.Stop();
            int width = (int)rows.shape[1];
            for (int b = 0; b < chosen.Length; b++)
                embeddings[data.Cuts[chosen[b]].Id] = flat.AsSpan(b * width, width).ToArray();
            progress?.Report(new WorkProgress(embeddings.Count, data.Cuts.Count, null));
        }
        return new Outcome(embeddings, clock.Elapsed.TotalMilliseconds / data.Cuts.Count, model.ParameterCount, model.Config.EmbeddingDim);
    }
}
