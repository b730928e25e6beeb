using Speech.Core.Text;

namespace Speech.Core.Tests.Text;

/// <summary>Witten–Bell interpolation checked by hand on a two-sentence corpus, and normalisation.</summary>
public sealed class NgramLanguageModelTests
{
    // Tokens 0, 1, 2; End = 3; sentences "0 1" and "0 2".
    static readonly NgramLanguageModel Bigram = new(new[] { new[] { 0, 1 }, new[] { 0, 2 } }, vocabularySize: 3, order: 2);

    [Fact]
    public void Probabilities_match_the_hand_computed_witten_bell_estimates()
    {
        // Unigram counts over 0,1,End,0,2,End: 0→2, 1→1, 2→1, End→2 (total 6, 4 distinct); uniform floor 1/4.
        // P1(0) = (2 + 4·¼) / (6 + 4) = 0.3. After the start symbol only 0 followed, twice (1 distinct):
        // P(0 | <s>) = (2 + 1·0.3) / (2 + 1) = 0.76667.
        Assert.Equal(2.3 / 3, Math.Exp(Bigram.LogProbability(Array.Empty<int>(), 0)), 9);
        // After 0: 1 and 2 once each (2 distinct). P1(1) = (1 + 1) / 10 = 0.2 → P(1 | 0) = (1 + 2·0.2) / (2 + 2) = 0.35.
        Assert.Equal(0.35, Math.Exp(Bigram.LogProbability(new[] { 0 }, 1)), 9);
        // Never after 0: End. P1(End) = (2 + 1) / 10 = 0.3 → P(End | 0) = (0 + 2·0.3) / 4 = 0.15.
        Assert.Equal(0.15, Math.Exp(Bigram.LogProbability(new[] { 0 }, Bigram.End)), 9);
        // An unseen history backs off to the unigram estimate.
        Assert.Equal(0.3, Math.Exp(Bigram.LogProbability(new[] { 3 }, 0)), 9);
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 2, 2, 2 })]
    public void Each_history_gives_a_distribution(int[] history)
    {
        var trigram = new NgramLanguageModel(new[] { new[] { 0, 1, 2, 1 }, new[] { 0, 2 }, new[] { 1, 1, 0 } }, vocabularySize: 3, order: 3);
        double total = Enumerable.Range(0, 4).Sum(token => Math.Exp(trigram.LogProbability(history, token)));
        Assert.Equal(1.0, total, 9);
    }
}
