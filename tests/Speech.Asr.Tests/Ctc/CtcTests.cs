using Speech.Asr.Ctc;
using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Ctc;

public sealed class CtcTests
{
    static float[] Log(params double[] probabilities) => probabilities.Select(p => (float)Math.Log(p)).ToArray();

    [Fact]
    public void Greedy_merges_repeats_and_drops_blanks()
    {
        // Argmax per frame: a a - a b b -  ->  a a b
        var frames = new[] { 1, 1, 0, 1, 2, 2, 0 }.Select(best => Log(Enumerable.Range(0, 3).Select(v => v == best ? 0.8 : 0.1).ToArray())).ToList();
        Assert.Equal(new[] { 1, 1, 2 }, CtcDecoding.Greedy(frames));
    }

    [Fact]
    public void Prefix_beam_search_sums_alignments_where_greedy_cannot()
    {
        // Two frames of [blank .5, a .4, b .1]: greedy says "" (0.25); "a" has aa + a- + -a = 0.56.
        var frames = new[] { Log(0.5, 0.4, 0.1), Log(0.5, 0.4, 0.1) };
        Assert.Empty(CtcDecoding.Greedy(frames));
        Assert.Equal(new[] { 1 }, CtcDecoding.PrefixBeamSearch(frames));
    }

    /// <summary>Every alignment of T frames over V symbols, collapsed and summed: the exact
    /// probability of each labelling.</summary>
    internal static Dictionary<string, double> LabellingProbabilities(double[][] probabilities)
    {
        int frames = probabilities.Length, symbols = probabilities[0].Length;
        var result = new Dictionary<string, double>();
        for (int code = 0; code < (int)Math.Pow(symbols, frames); code++)
        {
            var path = new int[frames];
            double p = 1;
            for (int t = 0, c = code; t < frames; t++, c /= symbols) { path[t] = c % symbols; p *= probabilities[t][path[t]]; }
            var labels = new List<int>();
            for (int t = 0; t < frames; t++) if (path[t] != 0 && (t == 0 || path[t] != path[t - 1])) labels.Add(path[t]);
            string key = string.Join(',', labels);
            result[key] = result.GetValueOrDefault(key) + p;
        }
        return result;
    }

    [Fact]
    public void A_wide_prefix_beam_finds_the_most_probable_labelling()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 5; trial++)
        {
            var probabilities = Enumerable.Range(0, 5).Select(_ =>
            {
                var raw = Enumerable.Range(0, 3).Select(_ => random.NextDouble() + 0.05).ToArray();
                return raw.Select(x => x / raw.Sum()).ToArray();
            }).ToArray();
            string best = LabellingProbabilities(probabilities).MaxBy(p => p.Value).Key;
            var decoded = CtcDecoding.PrefixBeamSearch(probabilities.Select(f => Log(f)).ToList(), beamSize: 100);
            Assert.Equal(best, string.Join(',', decoded));
        }
    }

    [Fact]
    public void Ctc_loss_is_minus_log_of_the_summed_alignments()
    {
        using var scope = NewDisposeScope();
        var probabilities = new[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.2, 0.6, 0.2 }, new[] { 0.4, 0.1, 0.5 } };
        double expected = -Math.Log(LabellingProbabilities(probabilities)["1,2"]) / 2; // mean reduction divides by the target length
        var logProbabilities = tensor(probabilities.SelectMany(f => f).Select(p => (float)Math.Log(p)).ToArray(), new long[] { 3, 1, 3 }); // [T, B, V]
        var loss = nn.functional.ctc_loss(logProbabilities, tensor(new long[] { 1, 2 }, new long[] { 1, 2 }), tensor(new long[] { 3 }), tensor(new long[] { 2 }));
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void The_model_subsamples_four_times_and_exposes_its_layers()
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        using var model = new CtcModel(new CtcConfig { FeatureDim = 40, DModel = 32, Layers = 2, Heads = 4, FfnDim = 64, VocabSize = 10 });
        model.eval();
        using var output = model.Forward(randn(2, 101, 40), tensor(new long[] { 101, 60 }), keepLayers: true);
        Assert.Equal(Conv2dSubsampling.OutputLength(101), output.Hidden.shape[1]); // ((101-1)/2-1)/2 = 24
        Assert.Equal(24, output.Hidden.shape[1]);
        Assert.Equal(new long[] { 24, 14 }, output.Lengths.data<long>().ToArray()); // ((60-1)/2-1)/2 = 14
        Assert.Equal(2, output.Layers!.Count);
        Assert.True(output.LogProbabilities.exp().sum(-1).allclose(ones(2, 24), rtol: 1e-4, atol: 1e-4));
    }
}

public sealed class CtcLanguageModelFusionTests
{
    [Fact]
    public void A_language_model_overrules_a_slight_acoustic_preference()
    {
        // One frame over {blank, A, B}: the acoustics slightly prefer B; the LM has only ever seen "A".
        var frames = new List<float[]> { new[] { MathF.Log(1e-6f), MathF.Log(0.45f), MathF.Log(0.55f) } };
        var lm = new Speech.Core.Text.NgramLanguageModel(new[] { new[] { 0 }, new[] { 0 }, new[] { 0 } }, vocabularySize: 2, order: 2);

        Assert.Equal(new List<int> { 2 }, CtcDecoding.PrefixBeamSearch(frames, 4));
        Assert.Equal(new List<int> { 2 }, CtcDecoding.PrefixBeamSearch(frames, 4, lm, lmWeight: 0.0));
        Assert.Equal(new List<int> { 1 }, CtcDecoding.PrefixBeamSearch(frames, 4, lm, lmWeight: 1.0));
    }
}
