using System.Text.Json;
using Speech.Asr.DistilWhisper;
using Speech.Core.Data;
using Speech.Core.Text;

namespace Speech.Asr.Tests.DistilWhisper;

public sealed class PseudoLabelFilterTests
{
    static readonly PseudoLabelFilter Filter = new(new WhisperEnglishNormalizer());

    static Cut Labelled(string reference, string? label)
    {
        var cut = new Cut("u1", new AudioSource("/x.flac"), 0, 1, 16000, reference);
        return label is null ? cut : cut.WithExtra(PseudoLabelMerge.TextKey, JsonSerializer.SerializeToElement(label));
    }

    [Theory]
    // Ten reference words, one substitution: 10 %, not below the threshold (strict).
    [InlineData("the quick brown fox jumps over the lazy old dog", "the quick brown fox jumps over the lazy old cat", false, 10.0)]
    // Eleven words, one substitution: 9.09 %, kept.
    [InlineData("a b c d e f g h i j k", "a b c d e f g h i j x", true, 100.0 / 11)]
    // The normaliser makes these equal: case, punctuation, "Mr." and digits.
    [InlineData("MISTER SMITH PAID TWENTY DOLLARS", "Mr. Smith paid $20.", true, 0.0)]
    public void Keeps_labels_strictly_below_the_threshold(string reference, string label, bool kept, double wer)
    {
        var decision = Filter.Decide(Labelled(reference, label));
        Assert.Equal(kept, decision.Kept);
        Assert.Equal(wer, decision.Wer!.Value, 6);
    }

    [Fact]
    public void Drops_all_uppercase_labels_missing_labels_and_empty_references()
    {
        Assert.Equal(FilterDecision.Uppercase, Filter.Decide(Labelled("hello world", "HELLO WORLD")).Reason);
        Assert.Equal(FilterDecision.MissingLabel, Filter.Decide(Labelled("hello world", null)).Reason);
        Assert.Equal(FilterDecision.EmptyReference, Filter.Decide(Labelled("(laughs) [noise]", "hello")).Reason);
        Assert.Equal(FilterDecision.KeptReason, Filter.Decide(Labelled("HELLO WORLD", "Hello world.")).Reason);
    }
}
