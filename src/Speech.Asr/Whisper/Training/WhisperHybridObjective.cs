using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training with an auxiliary CTC loss on the encoder:
/// <c>CE(next token) + ctcWeight · CTC(characters)</c>, the encoder run once for both.</summary>
public sealed class WhisperHybridObjective(WhisperWithCtcHead model, double ctcWeight) : IObjective<WhisperBatch>
{
    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        if (batch.CtcTargets is null || batch.CtcTargetLengths is null)
            throw new InvalidOperationException("the batch builder was not given the CTC characters");
        var whisper = model.Whisper;
        var states = whisper.Encode(batch.Features.to(whisper.parameters().First().dtype));
        var positions = batch.LabelledPositions();
        var logits = whisper.LogitsAt(states, batch.DecoderInput, positions); // [N, V]
        var ce = nn.functional.cross_entropy(logits.to(ScalarType.Float32), batch.LabelsAt(positions));
        var ctc = model.CtcLoss(states, batch.CtcTargets, batch.CtcTargetLengths);
        return new[] { new LossTerm("ce", ce), new LossTerm("ctc", ctc, ctcWeight) };
    }
}
