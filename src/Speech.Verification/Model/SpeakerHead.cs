using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Verification.Model;

/// <summary>A speaker classifier over one token state. <c>softmax</c>: a linear layer with bias.
/// <c>aam</c> (additive angular margin, ArcFace / WeSpeaker's ArcMarginProduct): logits are
/// <c>s·cos θ_j</c> between the normalised state and normalised class weights, and the labelled
/// class gets <c>s·cos(θ_y + m)</c>; where <c>θ_y + m</c> would pass π (cos θ ≤ cos(π − m)),
/// <c>s·(cos θ − m·sin m)</c> keeps the logit decreasing in θ, as WeSpeaker does.</summary>
public sealed class SpeakerHead : nn.Module
{
    readonly Linear linear;
    readonly bool angular;
    readonly double margin, scale;

    public SpeakerHead(int dim, int speakers, string kind, double margin, double scale) : base(nameof(SpeakerHead))
    {
        angular = kind == "aam";
        linear = nn.Linear(dim, speakers, hasBias: !angular);
        this.margin = margin;
        this.scale = scale;
        RegisterComponents();
    }

    /// <summary>State <c>[B, D]</c> → logits <c>[B, S]</c>; with <paramref name="labels"/> (<c>[B]</c> int64)
    /// an AAM head applies the margin to each labelled class (training); without, plain scaled cosines.</summary>
    public Tensor Logits(Tensor state, Tensor? labels = null)
    {
        if (!angular) return linear.forward(state);
        using var scope = NewDisposeScope();
        using Scalar s = scale.ToScalar();
        var cosine = nn.functional.linear(nn.functional.normalize(state, p: 2, dim: -1),
            nn.functional.normalize(linear.weight!, p: 2, dim: -1)); // [B, S]
        if (labels is null) return cosine.mul(s).MoveToOuterDisposeScope();
        var marked = WithMargin(cosine.gather(1, labels.unsqueeze(1)), margin); // [B, 1]
        var logits = cosine.scatter(1, labels.unsqueeze(1), marked);
        return logits.mul(s).MoveToOuterDisposeScope();
    }

    /// <summary><c>cos(θ + m)</c> from <c>cos θ</c>, with the past-π fallback described above.</summary>
    public static Tensor WithMargin(Tensor cosine, double margin)
    {
        using var scope = NewDisposeScope();
        using Scalar cosM = Math.Cos(margin).ToScalar(), sinM = Math.Sin(margin).ToScalar(),
            threshold = Math.Cos(Math.PI - margin).ToScalar(), fallback = (Math.Sin(Math.PI - margin) * margin).ToScalar(),
            nearOne = (1 - 1e-7).ToScalar(), zero = 0.0.ToScalar();
        var sine = cosine.pow(Scalars.Two).neg().add(Scalars.One, Scalars.One).clamp(zero, nearOne).sqrt();
        var shifted = cosine.mul(cosM).sub(sine.mul(sinM)); // cos(θ + m)
        return where(cosine.gt(threshold), shifted, cosine.sub(fallback)).MoveToOuterDisposeScope();
    }
}
