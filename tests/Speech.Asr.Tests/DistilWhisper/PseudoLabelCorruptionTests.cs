using System.Text.Json;
using Speech.Asr.DistilWhisper;
using Speech.Core.Data;
using Speech.Core.Text;

namespace Speech.Asr.Tests.DistilWhisper;

public sealed class PseudoLabelCorruptionTests
{
    /// <summary>Ten cuts whose labels equal their references; two share a sentence, as reused
    /// sentences do in the synthetic corpus.</summary>
    static List<Cut> Cuts()
    {
        var texts = new[] { "the lord is my shepherd", "i shall not want", "he maketh me to lie down", "in green pastures",
            "he leadeth me", "beside the still waters", "he restoreth my soul", "i shall not want", "thy rod and thy staff", "they comfort me" };
        return texts.Select((t, i) => new Cut($"u{i}", new AudioSource($"/a{i}.flac"), 0, 1, 16000, t.ToUpperInvariant())
            .WithExtra(PseudoLabelMerge.TextKey, JsonSerializer.SerializeToElement(t))
            .WithExtra(PseudoLabelMerge.TokensKey, JsonSerializer.SerializeToElement(new long[] { i }))).ToList();
    }

    [Fact]
    public void A_fraction_of_labels_is_swapped_with_other_texts_and_the_filter_drops_exactly_those()
    {
        var cuts = Cuts();
        var corrupted = PseudoLabelCorruption.Corrupt(cuts, 0.3, seed: 4);
        var marked = corrupted.Where(PseudoLabelCorruption.IsCorrupted).ToList();
        Assert.Equal(3, marked.Count);
        var labels = cuts.Select(PseudoLabelMerge.LabelOf).ToHashSet();
        foreach (var (before, after) in cuts.Zip(corrupted))
        {
            if (!PseudoLabelCorruption.IsCorrupted(after)) { Assert.Equal(before, after); continue; }
            Assert.NotEqual(PseudoLabelMerge.LabelOf(before), PseudoLabelMerge.LabelOf(after));
            Assert.Contains(PseudoLabelMerge.LabelOf(after), labels); // a fluent label of another cut
            Assert.Equal(before.Text, after.Text);                     // the reference is untouched
        }
        var filter = new PseudoLabelFilter(new WhisperEnglishNormalizer());
        Assert.Equal(corrupted.Select(PseudoLabelCorruption.IsCorrupted), corrupted.Select(c => !filter.Decide(c).Kept));
        Assert.Equal(corrupted.Select(PseudoLabelMerge.LabelOf), PseudoLabelCorruption.Corrupt(cuts, 0.3, seed: 4).Select(PseudoLabelMerge.LabelOf)); // seeded
        Assert.NotEqual(marked.Select(c => c.Id), PseudoLabelCorruption.Corrupt(cuts, 0.3, seed: 5).Where(PseudoLabelCorruption.IsCorrupted).Select(c => c.Id));
    }
}
