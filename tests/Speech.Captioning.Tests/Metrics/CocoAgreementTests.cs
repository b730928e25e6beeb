using System.Text.Json;
using Speech.Captioning.Data;
using Speech.Captioning.Metrics;
using Speech.Testing;

namespace Speech.Captioning.Tests.Metrics;

/// <summary>Agreement with the COCO caption evaluation code on 24 clips with 2–5 references each.
/// Fixtures/expected.json was written by Fixtures/make_coco_fixture.py, which runs pycocoevalcap's
/// own Bleu(4), Rouge() and Cider() scorers (python3, numpy 1.24) on the committed TSV files;
/// the text is pre-tokenised lower case, so their PTB tokenizer (Java) is not involved.</summary>
public sealed class CocoAgreementTests
{
    static string Fixture(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Speech.Captioning.Tests", "Metrics", "Fixtures", name);

    [Fact]
    public void CorpusMetricsAgreeWithPycocoevalcap()
    {
        var items = CaptionEvaluator.Pair(CaptionTextFiles.ReadReferences(Fixture("references.tsv")),
            CaptionTextFiles.ReadHypotheses(Fixture("hypotheses.tsv")));
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        var root = expected.RootElement;
        Assert.Equal(root.GetProperty("clips").GetInt32(), items.Count);
        Assert.True(items.Count >= 20 && items.All(i => i.References.Count >= 2));
        var bleu = BleuMetric.Compute(items);
        var expectedBleu = root.GetProperty("bleu").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int k = 0; k < 4; k++) Assert.Equal(expectedBleu[k], bleu[k], 10);
        Assert.Equal(root.GetProperty("rouge_l").GetDouble(), RougeLMetric.Compute(items), 10);
        Assert.Equal(root.GetProperty("cider_d").GetDouble(), CiderDMetric.Compute(items), 10);
        var perClip = CiderDMetric.ScoreClips(items);
        foreach (var (item, score) in items.Zip(perClip))
            Assert.Equal(root.GetProperty("cider_d_per_clip").GetProperty(item.Id).GetDouble(), score, 10);
    }
}
