using Speech.Core.Text.Bert;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Text.Bert;

/// <summary>The BERT's logits against a second implementation written here from the BERT paper and
/// Hugging Face's <c>modeling_bert.py</c> in plain loops over doubles, reading the same weights by
/// their HF names: embeddings summed then LayerNorm; per layer self-attention, dense, residual then
/// LayerNorm (post-norm), GELU(erf) feed-forward, residual then LayerNorm; MLM head dense, GELU,
/// LayerNorm, the word embeddings transposed, plus the bias.</summary>
public sealed class BertReferenceForwardTests
{
    [Fact]
    public void Logits_equal_a_loop_implementation_of_hugging_face_bert()
    {
        var config = new BertConfig { VocabSize = 11, HiddenSize = 8, Layers = 2, Heads = 2, IntermediateSize = 12, MaxPositions = 6, LayerNormEps = 1e-12 };
        manual_seed(11);
        using var model = new BertMaskedLm(config);
        model.eval();
        using (no_grad())
            foreach (var parameter in model.parameters()) parameter.uniform_(-0.6, 0.6); // LayerNorm gains and the output bias too
        int[] ids = [2, 7, 4, 9, 3];
        using var logits = model.Forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0];
        var w = model.state_dict().ToDictionary(p => p.Key, p => p.Value.to(ScalarType.Float64).data<double>().ToArray());

        int h = config.HiddenSize, t = ids.Length;
        var x = new double[t][];
        for (int i = 0; i < t; i++)
            x[i] = Norm(Enumerable.Range(0, h).Select(d => w["bert.embeddings.word_embeddings.weight"][ids[i] * h + d]
                + w["bert.embeddings.position_embeddings.weight"][i * h + d] + w["bert.embeddings.token_type_embeddings.weight"][d]).ToArray(),
                w, "bert.embeddings.LayerNorm");
        for (int l = 0; l < config.Layers; l++)
        {
            string p = $"bert.encoder.layer.{l}.";
            var q = x.Select(r => Dense(r, w, p + "attention.self.query", h)).ToArray();
            var k = x.Select(r => Dense(r, w, p + "attention.self.key", h)).ToArray();
            var v = x.Select(r => Dense(r, w, p + "attention.self.value", h)).ToArray();
            int dh = h / config.Heads;
            var context = new double[t][];
            for (int i = 0; i < t; i++)
            {
                context[i] = new double[h];
                for (int head = 0; head < config.Heads; head++)
                {
                    var scores = Enumerable.Range(0, t).Select(j => Enumerable.Range(head * dh, dh).Sum(d => q[i][d] * k[j][d]) / Math.Sqrt(dh)).ToArray();
                    double max = scores.Max(), z = scores.Sum(s => Math.Exp(s - max));
                    for (int j = 0; j < t; j++)
                        for (int d = head * dh; d < (head + 1) * dh; d++) context[i][d] += Math.Exp(scores[j] - max) / z * v[j][d];
                }
            }
            var attended = x.Select((r, i) => Norm(Add(Dense(context[i], w, p + "attention.output.dense", h), r), w, p + "attention.output.LayerNorm")).ToArray();
            x = attended.Select(r => Norm(Add(Dense(Dense(r, w, p + "intermediate.dense", config.IntermediateSize).Select(Gelu).ToArray(), w, p + "output.dense", h), r),
                w, p + "output.LayerNorm")).ToArray();
        }
        for (int i = 0; i < t; i++)
        {
            var transformed = Norm(Dense(x[i], w, "cls.predictions.transform.dense", h).Select(Gelu).ToArray(), w, "cls.predictions.transform.LayerNorm");
            for (int token = 0; token < config.VocabSize; token++)
            {
                double expected = w["cls.predictions.bias"][token] + Enumerable.Range(0, h).Sum(d => transformed[d] * w["bert.embeddings.word_embeddings.weight"][token * h + d]);
                Assert.Equal(expected, logits[i, token].item<float>(), 4);
            }
        }
    }

    /// <summary>y = W x + b with W [outputs, inputs] row-major (nn.Linear's layout).</summary>
    static double[] Dense(double[] input, Dictionary<string, double[]> w, string name, int outputs) =>
        Enumerable.Range(0, outputs).Select(o => w[name + ".bias"][o] + Enumerable.Range(0, input.Length).Sum(i => w[name + ".weight"][o * input.Length + i] * input[i])).ToArray();

    static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    static double[] Norm(double[] x, Dictionary<string, double[]> w, string name)
    {
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        return x.Select((v, i) => (v - mean) / Math.Sqrt(variance + 1e-12) * w[name + ".weight"][i] + w[name + ".bias"][i]).ToArray();
    }

    /// <summary>GELU with erf (BERT's "gelu"); erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7).</summary>
    static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));

    static double Erf(double x)
    {
        double sign = Math.Sign(x), a = Math.Abs(x), u = 1 / (1 + 0.3275911 * a);
        double poly = u * (0.254829592 + u * (-0.284496736 + u * (1.421413741 + u * (-1.453152027 + u * 1.061405429))));
        return sign * (1 - poly * Math.Exp(-a * a));
    }
}
