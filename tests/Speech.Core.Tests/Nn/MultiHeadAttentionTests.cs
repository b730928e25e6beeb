using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Nn;

public sealed class MultiHeadAttentionTests
{
    /// <summary>softmax(q·k/√d)·v per head, with plain loops over doubles: the reference.</summary>
    static double[,,] Reference(double[,,] q, double[,,] k, double[,,] v, bool causal)
    {
        int heads = q.GetLength(0), tq = q.GetLength(1), tk = k.GetLength(1), d = q.GetLength(2);
        var output = new double[heads, tq, d];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < tq; i++)
            {
                var scores = new double[tk];
                double max = double.NegativeInfinity;
                for (int j = 0; j < tk; j++)
                {
                    if (causal && j > i + (tk - tq)) { scores[j] = double.NegativeInfinity; continue; }
                    double dot = 0;
                    for (int c = 0; c < d; c++) dot += q[h, i, c] * k[h, j, c];
                    scores[j] = dot / Math.Sqrt(d);
                    max = Math.Max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < tk; j++) { scores[j] = Math.Exp(scores[j] - max); sum += scores[j]; }
                for (int j = 0; j < tk; j++)
                    for (int c = 0; c < d; c++) output[h, i, c] += scores[j] / sum * v[h, j, c];
            }
        return output;
    }

    static double[,,] HeadsOf(Tensor projected, int heads)
    {
        // projected: [1, T, D] -> [H, T, Dh]
        long t = projected.shape[1], dim = projected.shape[2], dh = dim / heads;
        var data = projected.to(ScalarType.Float64).data<double>().ToArray();
        var result = new double[heads, t, dh];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < t; i++)
                for (int c = 0; c < dh; c++) result[h, i, c] = data[i * dim + h * dh + c];
        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Self_attention_matches_the_textbook_formula(bool causal)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        const int dim = 8, heads = 2;
        var attention = new MultiHeadAttention(dim, heads);
        var x = randn(1, 5, dim);
        var parameters = attention.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Tensor Project(string name) => nn.functional.linear(x, parameters[$"{name}.weight"],
            parameters.TryGetValue($"{name}.bias", out var b) ? b : null);

        var q = HeadsOf(Project("q_proj"), heads);
        var k = HeadsOf(Project("k_proj"), heads);
        var v = HeadsOf(Project("v_proj"), heads);
        var context = Reference(q, k, v, causal); // [H, T, Dh]
        var merged = new float[5 * dim];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < 5; i++)
                for (int c = 0; c < dim / heads; c++) merged[i * dim + h * (dim / heads) + c] = (float)context[h, i, c];
        var expected = nn.functional.linear(tensor(merged, new long[] { 1, 5, dim }), parameters["out_proj.weight"], parameters["out_proj.bias"]);

        using (no_grad())
        {
            var actual = attention.SelfAttend(x, causal);
            Assert.True(actual.allclose(expected, rtol: 1e-4, atol: 1e-5), "attention output differs from the reference");
        }
    }

    [Fact]
    public void Key_projection_has_no_bias_as_in_whisper()
    {
        var names = new MultiHeadAttention(8, 2).named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("q_proj.bias", names);
        Assert.DoesNotContain("k_proj.bias", names);
        Assert.Contains("k_proj.weight", names);
    }

    [Fact]
    public void Cached_step_by_step_self_attention_equals_the_full_causal_pass()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var attention = new MultiHeadAttention(8, 2);
        var x = randn(2, 6, 8);
        using var cache = new KeyValueCache();
        using (no_grad())
        {
            var full = attention.SelfAttend(x, causal: true);
            var first = attention.SelfAttend(x.narrow(1, 0, 4), causal: true, cache); // a block of 4, then singles
            var rest = Enumerable.Range(4, 2).Select(t => attention.SelfAttend(x.narrow(1, t, 1), causal: true, cache)).ToList();
            var stepwise = cat(new[] { first }.Concat(rest).ToArray(), 1);
            Assert.Equal(6, cache.Length);
            Assert.True(stepwise.allclose(full, rtol: 1e-4, atol: 1e-5));
        }
    }

    [Fact]
    public void A_cropped_cache_recomputes_the_same_continuation()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var attention = new MultiHeadAttention(8, 2);
        var x = randn(1, 5, 8);
        var y = randn(1, 2, 8);
        using var cache = new KeyValueCache();
        using (no_grad())
        {
            attention.SelfAttend(x.narrow(1, 0, 3), causal: true, cache);
            var expected = attention.SelfAttend(y, causal: true, cache);
            cache.Crop(3);
            Assert.Equal(3, cache.Length);
            var again = attention.SelfAttend(y, causal: true, cache);
            Assert.True(again.allclose(expected, rtol: 1e-5, atol: 1e-6));
        }
    }

    [Fact]
    public void Causal_mask_with_offset_is_lower_triangular_after_the_cache()
    {
        using var scope = NewDisposeScope();
        var mask = AttentionMasks.Causal(2, 3, CPU); // queries at positions 3, 4 over keys 0..4
        Assert.Equal(new long[] { 2, 5 }, mask.shape);
        Assert.Equal(new[] { true, true, true, true, false, true, true, true, true, true }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void Whisper_sinusoids_follow_the_closed_form()
    {
        using var scope = NewDisposeScope();
        var table = Sinusoids.Table(10, 8); // increment = ln(10000) / 3
        double increment = Math.Log(10000) / 3;
        for (int position = 0; position < 10; position++)
            for (int i = 0; i < 4; i++)
            {
                double angle = position * Math.Exp(-i * increment);
                Assert.Equal(Math.Sin(angle), table[position, i].item<float>(), 5);
                Assert.Equal(Math.Cos(angle), table[position, i + 4].item<float>(), 5);
            }
    }
}
