using Speech.Asr.Ctc;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Ctc;

public sealed class CtcPrefixScorerTests
{
    /// <summary>From every alignment, collapsed (<see cref="CtcTests.LabellingProbabilities"/>): the
    /// probability that the output begins with <paramref name="prefix"/> and that it is exactly it.</summary>
    static (double Begins, double Exactly) Enumerated(double[][] probabilities, IReadOnlyList<int> prefix)
    {
        var labellings = CtcTests.LabellingProbabilities(probabilities);
        static int[] Labels(string key) => key.Length == 0 ? Array.Empty<int>() : key.Split(',').Select(int.Parse).ToArray();
        double begins = labellings.Where(p => Labels(p.Key).Take(prefix.Count).SequenceEqual(prefix) && Labels(p.Key).Length >= prefix.Count).Sum(p => p.Value);
        return (begins, labellings.GetValueOrDefault(string.Join(',', prefix)));
    }

    static double[][] RandomFrames(Random random, int frames, int symbols) => Enumerable.Range(0, frames).Select(_ =>
    {
        var raw = Enumerable.Range(0, symbols).Select(_ => random.NextDouble() + 0.05).ToArray();
        return raw.Select(x => x / raw.Sum()).ToArray();
    }).ToArray();

    /// <summary>Every prefix of up to three labels (repeats included, which need a blank between)
    /// against the sum over all 3^5 alignments.</summary>
    [Fact]
    public void Prefix_and_final_scores_are_the_summed_alignments()
    {
        var random = new Random(11);
        var probabilities = RandomFrames(random, 5, 3);
        var scorer = new CtcPrefixScorer(probabilities.Select(f => f.Select(p => (float)Math.Log(p)).ToArray()).ToList());
        Assert.Equal(0, scorer.Empty.PrefixScore);
        Assert.Equal(Enumerated(probabilities, Array.Empty<int>()).Exactly, Math.Exp(CtcPrefixScorer.FinalScore(scorer.Empty)), 6);
        var prefixes = new List<int[]> { Array.Empty<int>() };
        for (int length = 1; length <= 3; length++)
            prefixes.AddRange(prefixes.Where(p => p.Length == length - 1).SelectMany(p => new[] { 1, 2 }.Select(l => p.Append(l).ToArray())).ToList());
        foreach (var prefix in prefixes.Where(p => p.Length > 0))
        {
            var state = prefix.Aggregate(scorer.Empty, scorer.Extend);
            var (begins, exactly) = Enumerated(probabilities, prefix);
            string name = string.Join(',', prefix);
            Assert.True(Math.Abs(begins - Math.Exp(state.PrefixScore)) < 1e-6, $"{name}: begins {begins} vs {Math.Exp(state.PrefixScore)}");
            Assert.True(Math.Abs(exactly - Math.Exp(CtcPrefixScorer.FinalScore(state))) < 1e-6, $"{name}: exactly {exactly} vs {Math.Exp(CtcPrefixScorer.FinalScore(state))}");
        }
    }

    /// <summary>Over a longer input, the final score is minus libtorch's CTC loss (no reduction).</summary>
    [Fact]
    public void The_final_score_agrees_with_libtorch_ctc_loss()
    {
        using var scope = NewDisposeScope();
        var random = new Random(12);
        var probabilities = RandomFrames(random, 30, 5);
        var logs = probabilities.Select(f => f.Select(p => (float)Math.Log(p)).ToArray()).ToList();
        var labels = new[] { 3, 1, 1, 4, 2, 2, 2, 4 };
        var scorer = new CtcPrefixScorer(logs);
        var state = labels.Aggregate(scorer.Empty, scorer.Extend);
        var loss = nn.functional.ctc_loss(tensor(logs.SelectMany(f => f).ToArray(), new long[] { 30, 1, 5 }),
            tensor(labels.Select(l => (long)l).ToArray(), new long[] { 1, labels.Length }), tensor(new long[] { 30 }), tensor(new long[] { labels.Length }),
            reduction: nn.Reduction.None);
        Assert.Equal(-loss.item<float>(), CtcPrefixScorer.FinalScore(state), 3);
    }

    [Fact]
    public void The_blank_is_no_label()
    {
        var scorer = new CtcPrefixScorer(new[] { new[] { -0.1f, -2.3f } });
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Extend(scorer.Empty, 0));
        Assert.Throws<ArgumentException>(() => new CtcPrefixScorer(Array.Empty<float[]>()));
    }
}
