using Speech.Asr.Ctc;
using Speech.Core.Distillation;
using Speech.Core.Nn;
using Speech.Core.Training;

namespace Speech.Asr.BertCtc;

/// <summary>interAED-KD (methods.md §3.1/3.4): <c>(1−λ)·CTC + λ·mean over decoders</c>, each decoder
/// reading its encoder layer and trained on <c>α·CE(BERT soft labels) + (1−α)·label-smoothed CE</c>
/// (<see cref="KdLoss.SoftLabelCrossEntropy"/>). Terms are logged as <c>ctc</c> and <c>dec_L</c>
/// (L the encoder layer). With no decoders it is plain CTC.</summary>
public sealed class BertCtcObjective(BertCtcStudent student, BertCtcOptions options) : IObjective<BertCtcBatch>
{
    public IReadOnlyList<LossTerm> Compute(BertCtcBatch batch)
    {
        // The trainer's per-step dispose scope owns every tensor made here.
        var asr = batch.Asr;
        bool decoders = student.DecoderLayers.Count > 0;
        var output = student.Ctc.Forward(asr.Features.to(student.Ctc.parameters().First().dtype), asr.FeatureLengths, keepLayers: decoders);
        var ctc = CtcModel.Loss(output, asr.Tokens, asr.TokenLengths);
        if (!decoders) return [new LossTerm("ctc", ctc)];
        var terms = new List<LossTerm> { new("ctc", ctc, 1 - options.Weight) };
        var memoryMask = AttentionMasks.FromLengths(output.Lengths, output.Hidden.shape[1]);
        for (int d = 0; d < student.DecoderLayers.Count; d++)
        {
            int layer = student.DecoderLayers[d];
            var logits = student.Decoder(d).Forward(batch.DecoderInputs!, batch.DecoderValid!, BertCtcStudent.LayerOutput(output, layer), memoryMask);
            var loss = KdLoss.SoftLabelCrossEntropy(logits, batch.SoftTargets!, batch.DecoderTargets!, options.Alpha, options.LabelSmoothing,
                ignoreIndex: BertCtcBatchBuilder.Ignored);
            terms.Add(new LossTerm($"dec_{layer}", loss, options.Weight / student.DecoderLayers.Count));
        }
        return terms;
    }
}
