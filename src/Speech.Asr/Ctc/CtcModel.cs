using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TransformerEncoderLayer = Speech.Core.Nn.TransformerEncoderLayer;

namespace Speech.Asr.Ctc;

/// <summary>A CTC acoustic model: subsampling, sinusoidal positions, transformer blocks, final
/// norm and a CTC head; intermediate block outputs on request (BERT→CTC, MVQ-KD attach there).</summary>
public sealed class CtcModel : nn.Module
{
    readonly Conv2dSubsampling subsampling;
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly LayerNorm layer_norm;
    readonly Linear ctc_head;
    readonly Tensor positions; // [max, D], fixed

    public CtcModel(CtcConfig config) : base(nameof(CtcModel))
    {
        Config = config;
        subsampling = new Conv2dSubsampling(config.FeatureDim, config.DModel);
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerEncoderLayer(config.DModel, config.Heads, config.FfnDim, config.Dropout)).ToArray());
        layer_norm = nn.LayerNorm(config.DModel);
        ctc_head = nn.Linear(config.DModel, config.VocabSize);
        positions = Sinusoids.Table(config.MaxPositions, config.DModel).DetachFromDisposeScope();
        RegisterComponents();
    }

    public CtcConfig Config { get; }

    /// <summary>Features <c>[B, T, F]</c> with frame counts <c>[B]</c> → encoder output.</summary>
    public EncoderOutput Forward(Tensor features, Tensor featureLengths, bool keepLayers = false)
    {
        using var scope = NewDisposeScope();
        var x = subsampling.forward(features); // [B, T', D]
        long frames = x.shape[1];
        using var lastFrame = frames.ToScalar();
        var lengths = featureLengths.sub(Scalars.One).div(Scalars.Two, rounding_mode: RoundingMode.floor).sub(Scalars.One)
            .div(Scalars.Two, rounding_mode: RoundingMode.floor).clamp(Scalars.Zero, lastFrame);
        x = x.add(positions.narrow(0, 0, frames).to(x.dtype).to(x.device), Scalars.One);
        var mask = AttentionMasks.FromLengths(lengths, frames);
        var kept = keepLayers ? new List<Tensor>() : null;
        foreach (var layer in layers)
        {
            x = layer.forward(x, mask);
            kept?.Add(x);
        }
        var hidden = layer_norm.forward(x);
        var logProbabilities = nn.functional.log_softmax(ctc_head.forward(hidden).to(ScalarType.Float32), -1);
        if (kept is not null) foreach (var t in kept) t.MoveToOuterDisposeScope();
        return new EncoderOutput(hidden.MoveToOuterDisposeScope(), logProbabilities.MoveToOuterDisposeScope(),
            lengths.MoveToOuterDisposeScope(), kept);
    }

    /// <summary>CTC loss (blank 0) of token targets <c>[B, U]</c> with lengths <c>[B]</c>, averaged over
    /// utterances, each divided by its target length (torch's "mean" reduction).</summary>
    public static Tensor Loss(EncoderOutput output, Tensor targets, Tensor targetLengths) =>
        nn.functional.ctc_loss(output.LogProbabilities.transpose(0, 1), targets, output.Lengths, targetLengths,
            blank: 0, reduction: nn.Reduction.Mean, zero_infinity: true);

    protected override void Dispose(bool disposing)
    {
        if (disposing) positions.Dispose();
        base.Dispose(disposing);
    }
}
