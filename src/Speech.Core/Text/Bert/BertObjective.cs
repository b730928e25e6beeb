using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>The masked-LM loss: cross-entropy of the BERT's logits at the chosen positions.</summary>
public sealed class BertObjective(BertMaskedLm model) : IObjective<BertTextBatch>
{
    public IReadOnlyList<LossTerm> Compute(BertTextBatch batch)
    {
        // The trainer's per-step dispose scope owns every tensor made here.
        var logits = model.Forward(batch.Inputs, batch.Valid); // [B, T, V]
        var loss = nn.functional.cross_entropy(logits.to(ScalarType.Float32).view(-1, logits.shape[2]), batch.Labels.view(-1), ignore_index: BertMasking.Ignored);
        return [new LossTerm("mlm", loss)];
    }
}
