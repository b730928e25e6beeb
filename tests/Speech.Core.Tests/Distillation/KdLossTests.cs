using Speech.Core.Distillation;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Distillation;

/// <summary>Each loss against a number worked by hand (noted beside it).</summary>
public sealed class KdLossTests
{
    static readonly double Ln3 = Math.Log(3), Ln2 = Math.Log(2);

    static Tensor Rows(params double[][] rows) =>
        tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length });

    static double Value(Tensor t) => t.to(ScalarType.Float64).item<double>();

    [Fact]
    public void Forward_kl_of_two_classes()
    {
        using var scope = NewDisposeScope();
        // q = softmax([ln3, 0]) = [.75, .25], p = [.5, .5]: .75 ln 1.5 + .25 ln .5 = 0.1308120
        var student = Rows(new[] { 0.0, 0 }, new[] { 5.0, -5 });
        var teacher = Rows(new[] { Ln3, 0 }, new[] { -5.0, 5 });
        var mask = tensor(new[] { true, false });
        Assert.Equal(0.1308120, Value(KdLoss.ForwardKl(student, teacher, mask)), 6);
    }

    [Fact]
    public void Temperature_divides_logits_and_scales_by_its_square()
    {
        using var scope = NewDisposeScope();
        // Logits doubled with T = 2 give the same distributions as above: 4 x 0.1308120.
        var loss = KdLoss.ForwardKl(Rows(new[] { 0.0, 0 }), Rows(new[] { 2 * Ln3, 0 }), temperature: 2);
        Assert.Equal(0.5232481, Value(loss), 6);
    }

    [Fact]
    public void Reverse_kl_of_two_classes()
    {
        using var scope = NewDisposeScope();
        // p = [.5, .5], q = [.75, .25]: .5 ln(.5/.75) + .5 ln(.5/.25) = 0.1438410
        Assert.Equal(0.1438410, Value(KdLoss.ReverseKl(Rows(new[] { 0.0, 0 }), Rows(new[] { Ln3, 0 }))), 6);
    }

    [Fact]
    public void Soft_label_cross_entropy_mixes_soft_and_smoothed_hard_terms()
    {
        using var scope = NewDisposeScope();
        // p = [.75, .25]. soft [.25, .75]: 1.1116413. hard label 0: -ln .75 = 0.2876821;
        // smoothing .2: .8 x 0.2876821 + .2 x 0.8369882 = 0.3975433. alpha .5: 0.7545923.
        var logits = Rows(new[] { Ln3, 0 }, new[] { 9.0, 0 });
        var soft = Rows(new[] { 0.25, 0.75 }, new[] { 0.5, 0.5 });
        var hard = tensor(new long[] { 0, -100 });
        Assert.Equal(0.7545923, Value(KdLoss.SoftLabelCrossEntropy(logits, soft, hard, alpha: 0.5, smoothing: 0.2)), 6);
    }

    [Fact]
    public void Hidden_state_distances()
    {
        using var scope = NewDisposeScope();
        var student = Rows(new[] { 1.0, 2 }, new[] { 3.0, 4 });
        var teacher = Rows(new[] { 1.0, 0 }, new[] { 0.0, 0 });
        var mask = tensor(new[] { true, false });
        Assert.Equal(2.0, Value(KdLoss.Mse(student, teacher, mask)), 6);    // (0 + 4) / 2
        Assert.Equal(1.0, Value(KdLoss.L1(student, teacher, mask)), 6);     // (0 + 2) / 2
        Assert.Equal(1 - 1 / Math.Sqrt(5), Value(KdLoss.Cosine(student, teacher, mask)), 6);
    }

    [Fact]
    public void Info_nce_with_direct_and_log_scales()
    {
        using var scope = NewDisposeScope();
        var identity = Rows(new[] { 1.0, 0 }, new[] { 0.0, 1 });
        using var three = 3.ToScalar();
        // logits = s x I: each row's CE is ln(1 + e^-s); both directions agree.
        Assert.Equal(Math.Log(1 + Math.Exp(-1)), Value(KdLoss.InfoNce(identity, identity.mul(three), tensor(1.0))), 6);
        var two = KdLoss.ScaleFromLog(tensor(Ln2));
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), Value(KdLoss.InfoNce(identity, identity, two)), 6);
        Assert.Equal(100.0, Value(KdLoss.ScaleFromLog(tensor(10.0))), 4); // capped
    }

    [Fact]
    public void Codebook_cross_entropy_sums_codebooks_and_ignores_padding()
    {
        using var scope = NewDisposeScope();
        // Frame 0: codebook 0 logits [ln3, 0] target 0 -> 0.2876821; codebook 1 [0, 0] target 1 -> ln 2.
        // Frame 1 is padding (-100). Sum over codebooks, mean over one frame: 0.9808293.
        var logits = tensor(new[] { Ln3, 0, 0, 0, 7, 1, 2, 3 }, new long[] { 2, 2, 2 });
        var indexes = tensor(new long[] { 0, 1, -100, -100 }, new long[] { 2, 2 });
        Assert.Equal(0.9808293, Value(KdLoss.CodebookCrossEntropy(logits, indexes)), 6);
    }

    [Fact]
    public void Nothing_counted_gives_zero_not_nan()
    {
        using var scope = NewDisposeScope();
        var loss = KdLoss.ForwardKl(Rows(new[] { 0.0, 1 }), Rows(new[] { 1.0, 0 }), tensor(new[] { false }));
        Assert.Equal(0.0, Value(loss));
    }
}
