using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TransformerEncoderLayer = Speech.Core.Nn.TransformerEncoderLayer;

namespace Speech.Verification.Model;

/// <summary>Multi-head self-attention speaker model (Mingote et al., arXiv 2111.03842, with DeiT's
/// distillation token): a 4× conv front-end over fbank frames, then <c>[cls, dist, frames] + pos</c>
/// through pre-norm transformer blocks; the class token's output state feeds the class head, the
/// distillation token's feeds the distillation head. With <c>pooling: average</c> there are no
/// tokens and the masked frame mean is the state (the paper's baseline).</summary>
public sealed class SpeakerTransformer : nn.Module
{
    readonly Conv2dSubsampling subsampling;
    readonly Parameter? class_tokens;        // [M, D]
    readonly Parameter? distillation_token;  // [1, D]
    readonly Parameter position_embeddings;  // [tokens + max, D]
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly LayerNorm layer_norm;
    readonly SpeakerHead head;
    readonly SpeakerHead? head_dist;

    public SpeakerTransformer(SpeakerTransformerConfig config) : base(nameof(SpeakerTransformer))
    {
        Config = config.Validated();
        int d = config.DModel;
        subsampling = new Conv2dSubsampling(config.FeatureDim, d, config.ConvChannels);
        using (no_grad())
        using (var tokenStd = 0.02.ToScalar())
        {
            // DeiT initialises tokens and positions with trunc_normal(std 0.02); a plain normal at that
            // scale differs only beyond 2σ.
            if (config.UsesTokens) class_tokens = nn.Parameter(randn(config.ClassTokens, d).mul_(tokenStd));
            if (config.DistillationToken) distillation_token = nn.Parameter(randn(1, d).mul_(tokenStd));
            position_embeddings = nn.Parameter(randn(TokenCount + config.MaxPositions, d).mul_(tokenStd));
        }
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerEncoderLayer(d, config.Heads, config.FfnDim, config.Dropout)).ToArray());
        layer_norm = nn.LayerNorm(d);
        head = new SpeakerHead(d, config.NumSpeakers, config.Head, config.Margin, config.Scale);
        if (config.DistillationToken) head_dist = new SpeakerHead(d, config.NumSpeakers, config.Head, config.Margin, config.Scale);
        RegisterComponents();
    }

    public SpeakerTransformerConfig Config { get; }

    /// <summary>Tokens placed before the frames: the class token and, when present, the distillation token.</summary>
    public int TokenCount => (Config.UsesTokens ? 1 : 0) + (Config.DistillationToken ? 1 : 0);

    /// <summary>Frames <c>[B, T, F]</c> with counts <c>[B]</c> → token states and logits. Labels
    /// (<c>[B]</c>) switch on the AAM margin of the class head; <paramref name="distillationLabels"/>
    /// (the teacher's argmax in hard distillation) that of the distillation head.</summary>
    public SpeakerOutput Forward(Tensor features, Tensor featureLengths, Tensor? labels = null, Tensor? distillationLabels = null)
    {
        using var scope = NewDisposeScope();
        var x = subsampling.forward(features); // [B, T', D]
        long batch = x.shape[0], frames = Math.Min(x.shape[1], Config.MaxPositions);
        x = x.narrow(1, 0, frames);
        var lengths = Conv2dSubsamplingLengths(featureLengths, frames);
        var tokens = new List<Tensor>();
        if (class_tokens is not null) tokens.Add(ClassTokenFor(batch)); // [B, 1, D]
        if (distillation_token is not null) tokens.Add(distillation_token.unsqueeze(0).expand(batch, 1, -1));
        tokens.Add(x);
        x = cat(tokens, 1).add(position_embeddings.narrow(0, 0, TokenCount + frames).unsqueeze(0), Scalars.One);
        using Scalar tokenCount = ((long)TokenCount).ToScalar();
        var mask = AttentionMasks.FromLengths(lengths.add(tokenCount, Scalars.One), TokenCount + frames);
        foreach (var layer in layers) x = layer.forward(x, mask);
        x = layer_norm.forward(x); // [B, K + T', D]

        Tensor classState, distillationState = null!;
        if (Config.UsesTokens)
        {
            classState = x.select(1, 0);
            if (Config.DistillationToken) distillationState = x.select(1, 1);
        }
        else
        {
            var valid = mask.squeeze(1).squeeze(1).unsqueeze(-1).to(x.dtype); // [B, T', 1]
            classState = (x * valid).sum(1).div(valid.sum(1).clamp_min(Scalars.One));
        }
        var classLogits = head.Logits(classState, labels);
        var distillationLogits = head_dist?.Logits(distillationState, distillationLabels);
        return new SpeakerOutput(classState.MoveToOuterDisposeScope(), distillationState?.MoveToOuterDisposeScope(),
            classLogits.MoveToOuterDisposeScope(), distillationLogits?.MoveToOuterDisposeScope());
    }

    /// <summary>The L2-normalised embedding <c>[B, E]</c> the config names: a token state, the
    /// normalised mean of both, or their concatenation (each half normalised, then the whole).</summary>
    public Tensor Embed(Tensor features, Tensor featureLengths)
    {
        using var scope = NewDisposeScope();
        var output = Forward(features, featureLengths);
        Tensor Unit(Tensor t) => nn.functional.normalize(t, p: 2, dim: -1);
        var embedding = Config.Embedding switch
        {
            "distillation" => Unit(output.DistillationState!),
            "mean" => Unit(Unit(output.ClassState).add(Unit(output.DistillationState!), Scalars.One)),
            "concat" => Unit(cat([Unit(output.ClassState), Unit(output.DistillationState!)], 1)),
            _ => Unit(output.ClassState),
        };
        return embedding.MoveToOuterDisposeScope();
    }

    /// <summary>Training with a bank of M tokens: one drawn per utterance (torch's generator, so a
    /// seeded run repeats); otherwise, and always at inference, the bank's mean.</summary>
    Tensor ClassTokenFor(long batch)
    {
        if (training && Config.ClassTokens > 1)
            return class_tokens!.index_select(0, randint(Config.ClassTokens, [batch], dtype: ScalarType.Int64, device: class_tokens.device)).unsqueeze(1);
        return class_tokens!.mean([0], keepdim: true).unsqueeze(0).expand(batch, 1, -1);
    }

    static Tensor Conv2dSubsamplingLengths(Tensor featureLengths, long frames)
    {
        using Scalar last = frames.ToScalar();
        return featureLengths.sub(Scalars.One).div(Scalars.Two, rounding_mode: RoundingMode.floor).sub(Scalars.One)
            .div(Scalars.Two, rounding_mode: RoundingMode.floor).clamp(Scalars.Zero, last);
    }

    /// <summary>Parameters counted once (the parameters of a deployed model, distillation head included).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());
}
