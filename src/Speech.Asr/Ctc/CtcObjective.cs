using Speech.Core.Data;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>Supervised CTC training: the CTC loss of the batch's transcripts.</summary>
public sealed class CtcObjective(CtcModel model) : IObjective<AsrBatch>
{
    public IReadOnlyList<LossTerm> Compute(AsrBatch batch)
    {
        // The trainer's per-step dispose scope owns every tensor made here.
        var output = model.Forward(batch.Features.to(model.parameters().First().dtype), batch.FeatureLengths);
        return new[] { new LossTerm("ctc", CtcModel.Loss(output, batch.Tokens, batch.TokenLengths)) };
    }
}
