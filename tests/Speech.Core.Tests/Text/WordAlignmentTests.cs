using Speech.Core.Text;

namespace Speech.Core.Tests.Text;

/// <summary>Word alignment and WER against hand-counted edits.</summary>
public sealed class WordAlignmentTests
{
    [Theory]
    // reference, hypothesis, S, D, I, N
    [InlineData("the cat sat on the mat", "the cat sat on the mat", 0, 0, 0, 6)]
    [InlineData("a b c d", "a x c d e", 1, 0, 1, 4)]
    [InlineData("a b c d", "a c d", 0, 1, 0, 4)]
    [InlineData("a b", "c d e", 2, 0, 1, 2)]
    [InlineData("the cat sat", "", 0, 3, 0, 3)]
    [InlineData("", "hello there", 0, 0, 2, 0)]
    [InlineData("", "", 0, 0, 0, 0)]
    [InlineData("one two three four five", "two three four five six", 0, 1, 1, 5)]
    public void Counts_substitutions_deletions_and_insertions(string reference, string hypothesis, int s, int d, int i, int n)
    {
        var alignment = WordAlignment.Align(reference, hypothesis);
        Assert.Equal((s, d, i, n), (alignment.Substitutions, alignment.Deletions, alignment.Insertions, alignment.ReferenceWords));
    }

    [Fact]
    public void Steps_pair_the_words()
    {
        var steps = WordAlignment.Align("a b c d", "a x c d e").Steps;
        Assert.Equal(new[]
        {
            new AlignedWord(EditOperation.Match, "a", "a"),
            new AlignedWord(EditOperation.Substitution, "b", "x"),
            new AlignedWord(EditOperation.Match, "c", "c"),
            new AlignedWord(EditOperation.Match, "d", "d"),
            new AlignedWord(EditOperation.Insertion, null, "e"),
        }, steps);
    }

    [Fact]
    public void Wer_is_errors_over_reference_words_and_undefined_for_an_empty_reference()
    {
        Assert.Equal(0.5, WordAlignment.Align("a b c d", "a x c d e").Wer);
        Assert.Equal(1.0, WordAlignment.Align("the cat sat", "").Wer);
        Assert.Equal(2.0, WordAlignment.Align("a", "b c").Wer); // insertions can push WER past 1
        Assert.Null(WordAlignment.Align("", "hello").Wer);
    }

    [Fact]
    public void Corpus_wer_sums_edits_over_reference_words_not_a_mean_of_rates()
    {
        var scorer = new WerScorer();
        var corpus = scorer.Score(new[] { ("u1", "a b c d", "a x c d e"), ("u2", "yes no", "yes no"), ("u3", "the cat sat", "") });
        Assert.Equal((1, 3, 1, 9), (corpus.Substitutions, corpus.Deletions, corpus.Insertions, corpus.ReferenceWords));
        Assert.Equal(5.0 / 9.0, corpus.Wer!.Value, 12); // the mean of 0.5, 0 and 1 would be 0.5
    }

    [Fact]
    public void Empty_references_are_excluded_by_default_or_counted_as_insertions()
    {
        var pairs = new[] { ("u1", "a b", "a b"), ("u2", "", "noise words") };
        var excluded = new WerScorer().Score(pairs);
        Assert.Equal(new[] { "u2" }, excluded.ExcludedEmptyReferences);
        Assert.Equal(0.0, excluded.Wer);

        var counted = new WerScorer(emptyReferences: EmptyReferencePolicy.CountInsertions).Score(pairs);
        Assert.Empty(counted.ExcludedEmptyReferences);
        Assert.Equal(2, counted.Insertions);
        Assert.Equal(1.0, counted.Wer); // 2 insertions over 2 reference words
    }

    [Fact]
    public void Normalised_scoring_ignores_case_punctuation_and_contractions()
    {
        var score = new WerScorer(new WhisperEnglishNormalizer()).ScoreOne("u", "Mr. Smith won't pay twenty dollars.", "mister smith will not pay $20");
        Assert.Equal(0, score.Alignment.Errors);
    }

    [Fact]
    public void Ids_must_pair_up()
    {
        var references = new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" };
        var hypotheses = new Dictionary<string, string> { ["a"] = "x" };
        var error = Assert.Throws<Speech.Core.Errors.SpeechException>(() => new WerScorer().Score(references, hypotheses));
        Assert.Contains("'b'", error.Message);
    }
}
