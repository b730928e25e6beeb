using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training: cross-entropy of the next token over labelled positions.</summary>
public sealed class WhisperCrossEntropyObjective(WhisperModel model, double labelSmoothing = 0.0) : IObjective<WhisperBatch>
{
    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        var logits = model.Forward(batch.Features.to(model.parameters().First().dtype), batch.DecoderInput); // [B, U, V]
        var loss = nn.functional.cross_entropy(logits.to(ScalarType.Float32).reshape(-1, logits.shape[^1]), batch.Labels.reshape(-1),
            ignore_index: WhisperBatch.Ignore, label_smoothing: labelSmoothing);
        return new[] { new LossTerm("ce", loss) };
    }
}
