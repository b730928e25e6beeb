using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training: cross-entropy of the next token over labelled positions (only those
/// are projected onto the vocabulary).</summary>
public sealed class WhisperCrossEntropyObjective(WhisperModel model, double labelSmoothing = 0.0) : IObjective<WhisperBatch>
{
    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        var positions = batch.LabelledPositions();
        var states = model.Encode(batch.Features.to(model.parameters().First().dtype));
        var logits = model.LogitsAt(states, batch.DecoderInput, positions); // [N, V]: padding is never projected
        var loss = nn.functional.cross_entropy(logits.to(ScalarType.Float32), batch.LabelsAt(positions), label_smoothing: labelSmoothing);
        return new[] { new LossTerm("ce", loss) };
    }
}
