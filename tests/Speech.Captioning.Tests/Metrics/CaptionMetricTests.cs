using Speech.Captioning.Metrics;

namespace Speech.Captioning.Tests.Metrics;

public sealed class CaptionMetricTests
{
    static CaptionItem Item(string id, string hypothesis, params string[] references) => new(id, references, hypothesis);

    [Fact]
    public void IdenticalCaptionsScoreBleuOneAndRougeOne()
    {
        var items = new[] { Item("a", "a dog barks in the distance", "a dog barks in the distance"),
                            Item("b", "rain falls on a tin roof", "rain falls on a tin roof") };
        var bleu = BleuMetric.Compute(items);
        foreach (double b in bleu) Assert.Equal(1.0, b, 1e-8);
        Assert.Equal(1.0, RougeLMetric.Compute(items), 12);
    }

    [Fact]
    public void DisjointCaptionsScoreZero()
    {
        var items = new[] { Item("a", "birds sing", "a dog barks"), Item("b", "wind howls", "rain falls") };
        foreach (double b in BleuMetric.Compute(items)) Assert.True(b < 1e-9, $"BLEU {b}");
        Assert.Equal(0.0, RougeLMetric.Compute(items));
        Assert.Equal(0.0, CiderDMetric.Compute(items));
    }

    /// <summary>Two references, worked by hand.
    /// hyp "a dog barks loudly outside" (5 tokens); R1 "a dog barks loudly" (4), R2 "a big dog barks very loudly" (6).
    /// Unigrams: a, dog, barks, loudly match, outside does not → p1 = 4/5.
    /// Bigrams: "a dog" (R1), "dog barks" (R1, R2), "barks loudly" (R1) match, "loudly outside" not → p2 = 3/4.
    /// Reference length: 4 and 6 are both 1 away from 5; the tie goes to the shorter (4) → c &gt; r, no
    /// brevity penalty. BLEU-2 = sqrt(4/5 · 3/4) = sqrt(0.6) = 0.7745967 (pycocoevalcap: 0.7745966690671993).</summary>
    [Fact]
    public void TwoReferenceBleu2MatchesTheHandWorkedValue()
    {
        var bleu = BleuMetric.Compute([Item("x", "a dog barks loudly outside", "a dog barks loudly", "a big dog barks very loudly")]);
        Assert.Equal(0.8, bleu[0], 8);
        Assert.Equal(Math.Sqrt(0.6), bleu[1], 8);
    }

    /// <summary>Count clipping: "the the the" against "the cat" matches one "the" out of three guesses.
    /// c = 3 &gt; r = 2, no penalty → BLEU-1 = 1/3.</summary>
    [Fact]
    public void RepeatedWordsAreClippedByTheReferenceCount()
    {
        var bleu = BleuMetric.Compute([Item("x", "the the the", "the cat")]);
        Assert.Equal(1.0 / 3, bleu[0], 8);
    }

    /// <summary>CIDEr-D worked by hand on two clips (N = 2, so idf = ln 2 − ln df):
    /// A: ref "a b", hyp "a b"; B: ref "a c", hyp "c".
    /// df: a = 2 (→ weight 0), b = c = "a b" = "a c" = 1 (→ weight ln 2).
    /// A: order 1 vectors {a:0, b:ln2} on both sides → cosine 1; order 2 {"a b":ln2} → 1; orders 3–4 are
    ///    empty (norm 0, value 0); equal bigram counts → penalty 1. Score = 10 · (1+1+0+0)/4 = 5.
    /// B: order 1 hyp {c:ln2}, ref {a:0, c:ln2} → min(ln2,ln2)·ln2/(ln2·ln2) = 1; order 2: hyp has no bigram → 0.
    ///    Bigram counts 0 vs 1 → δ = −1, penalty exp(−1/(2·6²)) = exp(−1/72). Score = 10 · exp(−1/72)/4 = 2.4655178.
    /// Corpus = (5 + 2.4655178)/2 = 3.7327589 (pycocoevalcap: 3.732758895929895).</summary>
    [Fact]
    public void CiderDMatchesTheHandWorkedValue()
    {
        var items = new[] { Item("A", "a b", "a b"), Item("B", "c", "a c") };
        var perClip = CiderDMetric.ScoreClips(items);
        Assert.Equal(5.0, perClip[0], 10);
        Assert.Equal(2.5 * Math.Exp(-1.0 / 72), perClip[1], 10);
        Assert.Equal((5 + 2.5 * Math.Exp(-1.0 / 72)) / 2, CiderDMetric.Compute(items), 10);
    }

    /// <summary>ROUGE-L by hand: hyp "a dog barks" vs ref "a big dog barks loudly": LCS 3 ("a dog barks"),
    /// P = 3/3, R = 3/5; F = (1+1.44)·1·0.6/(0.6+1.44·1) = 1.464/2.04 = 0.7176471.</summary>
    [Fact]
    public void RougeLMatchesTheHandWorkedValue() =>
        Assert.Equal(1.464 / 2.04, RougeLMetric.ScoreClip(Item("x", "a dog barks", "a big dog barks loudly")), 12);

    [Fact]
    public void ExternalMetricsAreReportedUnavailableNotEstimated()
    {
        var scores = CaptionEvaluator.Score([Item("x", "a dog", "a dog")], jarFolder: null);
        Assert.Null(scores.Meteor);
        Assert.Null(scores.Spice);
        Assert.Null(scores.Spider);
        Assert.Contains("unavailable", scores.Unavailable);
        Assert.DoesNotContain(scores.Named(), m => m.Name is "SPICE" or "METEOR" or "SPIDEr");
    }
}
