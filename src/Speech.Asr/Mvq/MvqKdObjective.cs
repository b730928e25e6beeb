using Speech.Asr.Ctc;
using Speech.Core.Distillation;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>CTC plus, on the student's block <see cref="MvqStudent.Layer"/>, the MVQ-KD codebook
/// cross-entropy (<see cref="KdLoss.CodebookCrossEntropy"/>, ignore −100, summed over codebooks,
/// averaged over frames) or the L2/L1 regression onto the teacher's embeddings, weighted by
/// <see cref="MvqKdOptions.Scale"/>.</summary>
public sealed class MvqKdObjective(MvqStudent student, MvqKdOptions options) : IObjective<MvqBatch>
{
    /// <summary>Time warp moves frames under frame-aligned targets (icefall asserts it off).</summary>
    public static void RequireNoTimeWarp(SpecAugmentOptions? augment, string where)
    {
        if (augment is { TimeWarp: true })
            throw new ConfigException($"{where}: time-warp SpecAugment is refused with MVQ-KD: the teacher's targets are frame-aligned");
    }

    public IReadOnlyList<LossTerm> Compute(MvqBatch batch)
    {
        var asr = batch.Asr;
        var output = student.Ctc.Forward(asr.Features.to(student.Ctc.parameters().First().dtype), asr.FeatureLengths, keepLayers: options.Kind != "none");
        var terms = new List<LossTerm> { new("ctc", CtcModel.Loss(output, asr.Tokens, asr.TokenLengths)) };
        if (options.Kind == "none" || batch.Targets is null) return terms;
        var hidden = output.Layers![student.Layer - 1]; // [B, T_s, D]
        long frames = Math.Min(hidden.shape[1], batch.Targets.shape[1]);
        hidden = hidden.narrow(1, 0, frames);
        var targets = batch.Targets.narrow(1, 0, frames);
        if (options.Kind == "mvq")
        {
            var logits = student.Predictor!.Forward(hidden, targets); // [B, T_s, R·N, 256]
            terms.Add(new LossTerm("codebook", KdLoss.CodebookCrossEntropy(KdLoss.AtLeastFloat32(logits), targets, CodebookTargets.Ignore), options.Scale));
            return terms;
        }
        var predicted = KdLoss.AtLeastFloat32(student.Projection!.forward(hidden)); // [B, T_s, R·D]
        var mask = batch.Mask!.narrow(1, 0, frames);
        terms.Add(options.Kind == "l2"
            ? new LossTerm("l2", KdLoss.Mse(predicted, targets, mask), options.Scale)
            : new LossTerm("l1", KdLoss.L1(predicted, targets, mask), options.Scale));
        return terms;
    }
}
