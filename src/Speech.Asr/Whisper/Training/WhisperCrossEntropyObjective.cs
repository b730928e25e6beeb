using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training: cross-entropy of the next token over labelled positions (only those
/// are projected onto the vocabulary, or onto a <see cref="VocabularyShortlist"/> of the labels' tokens).</summary>
public sealed class WhisperCrossEntropyObjective(WhisperModel model, double labelSmoothing = 0.0, VocabularyShortlist? shortlist = null) : IObjective<WhisperBatch>
{
    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        var states = model.Encode(batch.Features.to(model.parameters().First().dtype));
        return new[] { new LossTerm("ce", NextTokenLoss(model, states, batch, labelSmoothing, shortlist)) };
    }

    /// <summary>The decoder's mean next-token cross-entropy over the batch's labelled positions (padding is never projected).</summary>
    public static Tensor NextTokenLoss(WhisperModel model, Tensor states, WhisperBatch batch, double labelSmoothing, VocabularyShortlist? shortlist)
    {
        var positions = batch.LabelledPositions();
        var logits = model.LogitsAt(states, batch.DecoderInput, positions, shortlist); // [N, V] or [N, K]
        var labels = batch.LabelsAt(positions);
        return nn.functional.cross_entropy(logits.to(ScalarType.Float32), shortlist?.Indexes(labels) ?? labels, label_smoothing: labelSmoothing);
    }
}
