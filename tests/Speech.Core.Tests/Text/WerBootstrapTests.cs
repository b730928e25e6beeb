using System.Globalization;
using Speech.Core.Errors;
using Speech.Core.Text;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

/// <summary>Bootstrap WER intervals against a degenerate closed form, a hand-computed case and an
/// independent numpy computation (Fixtures/wer_bootstrap_reference.py and its .txt output).</summary>
public sealed class WerBootstrapTests
{
    /// <summary>A corpus of utterances with the given errors (as substitutions) and reference words.</summary>
    static CorpusWer Corpus(IReadOnlyList<int> errors, IReadOnlyList<int> words) =>
        new(errors.Select((e, i) => new UtteranceScore($"u{i}", $"r{i}", "", new WordAlignment(Array.Empty<AlignedWord>(), e, 0, 0, words[i]))).ToList(), Array.Empty<string>());

    [Fact]
    public void Utterances_with_one_error_rate_give_a_zero_width_interval()
    {
        // Every utterance has 1 error in 4 words (or 2 in 8): any draw has WER 1/4 exactly.
        var corpus = Corpus(new[] { 1, 2, 1, 2, 1, 1 }, new[] { 4, 8, 4, 8, 4, 4 });
        var interval = WerBootstrap.Interval(corpus);
        Assert.Equal(new WerInterval(0.25, 0.25, 0.25, 1000, 0.95), interval);
        Assert.True(interval.ExcludesZero);
        // A system against itself differs by exactly 0 on every draw.
        var same = WerBootstrap.Difference(corpus, corpus);
        Assert.Equal((0.0, 0.0, 0.0), (same.Value, same.Lower, same.Upper));
        Assert.False(same.ExcludesZero);
    }

    [Fact]
    public void Hand_computed_replicates_and_percentiles_of_fixed_draws()
    {
        // errors 1, 0, 3 in 4, 5, 6 words. Draws {0,0,1}: 2/13; {2,2,2}: 9/18 = 0.5; {1,1,1}: 0/15;
        // {0,1,2} and {2,1,0}: 4/15. Sorted: 0, 2/13, 4/15, 4/15, 1/2. numpy's linear percentile:
        // 2.5 % at position 4 × 0.025 = 0.1 → 0.1 × 2/13 = 0.0153846; 97.5 % at 3.9 →
        // 4/15 + 0.9 × (1/2 − 4/15) = 0.4766667 (numpy.percentile gives 0.01538462 and 0.47666667).
        int[] errors = { 1, 0, 3 }, words = { 4, 5, 6 };
        int[][] draws = { new[] { 0, 0, 1 }, new[] { 2, 2, 2 }, new[] { 1, 1, 1 }, new[] { 0, 1, 2 }, new[] { 2, 1, 0 } };
        var replicates = WerBootstrap.Replicates(errors, words, draws);
        Assert.Equal(new[] { 2.0 / 13, 0.5, 0, 4.0 / 15, 4.0 / 15 }, replicates);
        Assert.Equal(2.0 / 13 * 0.1, WerBootstrap.Percentile(replicates, 0.025), 12);
        Assert.Equal(4.0 / 15 + 0.9 * (0.5 - 4.0 / 15), WerBootstrap.Percentile(replicates, 0.975), 12);
        Assert.Equal(0.0, WerBootstrap.Percentile(replicates, 0));
        Assert.Equal(0.5, WerBootstrap.Percentile(replicates, 1));
        // A draw without reference words ({1,1}: an empty reference kept, 2 insertions) has no WER
        // and is left out; {0,1} is (0 + 1) / (3 + 0).
        Assert.Equal(new[] { 1.0 / 3 }, WerBootstrap.Replicates(new[] { 0, 1 }, new[] { 3, 0 }, new[] { new[] { 1, 1 }, new[] { 0, 1 } }));
    }

    [Fact]
    public void Intervals_match_the_numpy_reference()
    {
        // The corpus of wer_bootstrap_reference.py: 60 utterances, words 3 + 7i mod 9, errors of A
        // min(words, i² mod 5), of B min(words, (3i + 1) mod 4); 1,000 draws from seed 7.
        const int n = 60;
        var words = Enumerable.Range(0, n).Select(i => 3 + 7 * i % 9).ToArray();
        var a = Corpus(Enumerable.Range(0, n).Select(i => Math.Min(words[i], i * i % 5)).ToArray(), words);
        var b = Corpus(Enumerable.Range(0, n).Select(i => Math.Min(words[i], (3 * i + 1) % 4)).ToArray(), words);
        var reference = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "tests", "Speech.Core.Tests", "Text", "Fixtures", "wer_bootstrap_reference.txt"))
            .Select(line => line.Split(' ')).ToDictionary(p => p[0], p => p.Skip(1).ToArray());
        double[] Numbers(string key) => reference[key].Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(reference["first_draw"].Select(int.Parse), WerBootstrap.ResampleIndices(n, 1000, 7)[0].Take(5));
        var wer = WerBootstrap.Interval(a, 1000, 7);
        Assert.Equal(Numbers("wer_a"), new[] { wer.Value, wer.Lower, wer.Upper }, (x, y) => Math.Abs(x - y) < 1e-12);
        var difference = WerBootstrap.Difference(a, b, 1000, 7);
        Assert.Equal(Numbers("difference"), new[] { difference.Value, difference.Lower, difference.Upper }, (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.False(difference.ExcludesZero); // -0.68 .. +14.45 points: A is not shown to be worse
        Assert.Equal("28.10% [21.97, 34.79]", wer.ToPercentString());
    }

    [Fact]
    public void Pairing_needs_the_same_utterances_and_references()
    {
        var a = Corpus(new[] { 1, 0 }, new[] { 3, 3 });
        var shorter = Corpus(new[] { 1 }, new[] { 3 });
        Assert.Contains("same utterances: 2 against 1", Assert.Throws<SpeechException>(() => WerBootstrap.Difference(a, shorter)).Message);
        var renamed = new CorpusWer(a.Utterances.Select(u => u with { Id = u.Id + "x" }).ToList(), Array.Empty<string>());
        Assert.Contains("'u0' is missing", Assert.Throws<SpeechException>(() => WerBootstrap.Difference(a, renamed)).Message);
    }
}
