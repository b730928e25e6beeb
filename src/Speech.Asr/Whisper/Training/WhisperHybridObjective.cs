using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training with an auxiliary CTC loss on the encoder:
/// <c>ceWeight · CE(next token) + ctcWeight · CTC(characters)</c>, the encoder run once for both.
/// With <paramref name="ceWeight"/> 0 the decoder is not run at all: CTC pre-training of the
/// encoder alone, so the attention decoder later starts from an encoder that already hears.</summary>
public sealed class WhisperHybridObjective(WhisperWithCtcHead model, double ctcWeight, double ceWeight = 1.0, double labelSmoothing = 0.0,
    VocabularyShortlist? shortlist = null) : IObjective<WhisperBatch>
{
    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        if (batch.CtcTargets is null || batch.CtcTargetLengths is null)
            throw new InvalidOperationException("the batch builder was not given the CTC characters");
        var whisper = model.Whisper;
        var states = whisper.Encode(batch.Features.to(whisper.parameters().First().dtype));
        var ctc = new LossTerm("ctc", model.CtcLoss(states, batch.CtcTargets, batch.CtcTargetLengths), ctcWeight);
        if (ceWeight == 0) return new[] { ctc };
        var ce = WhisperCrossEntropyObjective.NextTokenLoss(whisper, states, batch, labelSmoothing, shortlist);
        return new[] { new LossTerm("ce", ce, ceWeight), ctc };
    }
}
