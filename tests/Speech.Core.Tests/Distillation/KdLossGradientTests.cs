using Speech.Core.Distillation;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Distillation;

/// <summary>Autograd gradients against central finite differences (float64).</summary>
public sealed class KdLossGradientTests
{
    static void AssertGradientMatches(Func<Tensor, Tensor> loss, Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float64).detach().requires_grad_(true);
        loss(x).backward();
        double[] analytic = x.grad!.data<double>().ToArray();
        double[] values = x.detach().data<double>().ToArray();
        const double h = 1e-6;
        for (int i = 0; i < values.Length; i++)
        {
            double Evaluate(double delta)
            {
                var shifted = (double[])values.Clone();
                shifted[i] += delta;
                using var probe = tensor(shifted, x.shape);
                return loss(probe).item<double>();
            }
            double numeric = (Evaluate(h) - Evaluate(-h)) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 1e-6, $"element {i}: autograd {analytic[i]}, finite difference {numeric}");
        }
    }

    [Fact]
    public void Forward_kl_gradient_with_temperature_and_mask()
    {
        manual_seed(1);
        using var teacher = randn(3, 5, dtype: ScalarType.Float64);
        using var mask = tensor(new[] { true, true, false });
        AssertGradientMatches(s => KdLoss.ForwardKl(s, teacher, mask, temperature: 2), randn(3, 5));
    }

    [Fact]
    public void Info_nce_gradient()
    {
        manual_seed(2);
        using var other = randn(4, 3, dtype: ScalarType.Float64);
        using var scale = tensor(5.0);
        AssertGradientMatches(a => KdLoss.InfoNce(a, other, scale), randn(4, 3));
    }
}
