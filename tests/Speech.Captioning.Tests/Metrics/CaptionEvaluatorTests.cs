using Speech.Captioning.Data;
using Speech.Captioning.Metrics;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Captioning.Tests.Metrics;

public sealed class CaptionEvaluatorTests
{
    [Fact]
    public void AnIdWithoutHypothesisIsAnErrorNamingIt()
    {
        var references = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["x y"], ["b"] = ["y z"] };
        var error = Assert.Throws<SpeechException>(() => CaptionEvaluator.Pair(references, new Dictionary<string, string> { ["a"] = "x" }));
        Assert.Contains("'b'", error.Message);
        Assert.Contains("no hypothesis", error.Message);
    }

    [Fact]
    public void AHypothesisWithoutReferenceIsAnErrorNamingIt()
    {
        var references = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["x y"] };
        var error = Assert.Throws<SpeechException>(() =>
            CaptionEvaluator.Pair(references, new Dictionary<string, string> { ["a"] = "x", ["c"] = "z" }));
        Assert.Contains("'c'", error.Message);
    }

    [Fact]
    public void ReferencesReadFromTabLinesAndFromACaptionsManifestAgree()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("refs.tsv"), ["c1\ta dog barks", "c1\ta dog is barking", "c2\train falls"]);
        Manifest.Write(temp.File("refs.jsonl"), [
            new Cut("c1", new AudioSource("c1.wav"), 0, 1, 16000, "a dog barks").WithExtra("captions",
                System.Text.Json.JsonSerializer.SerializeToElement(new[] { "a dog barks", "a dog is barking" })),
            new Cut("c2", new AudioSource("c2.wav"), 0, 1, 16000, "rain falls")]);
        var fromLines = CaptionTextFiles.ReadReferences(temp.File("refs.tsv"));
        var fromManifest = CaptionTextFiles.ReadReferences(temp.File("refs.jsonl"));
        Assert.Equal(fromLines.Keys.Order(), fromManifest.Keys.Order());
        foreach (var id in fromLines.Keys) Assert.Equal(fromLines[id], fromManifest[id]);
    }

    [Fact]
    public void ASecondHypothesisForAnIdNamesTheLine()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("hyp.tsv"), ["c1\ta dog", "c1\ta cat"]);
        var error = Assert.Throws<SpeechException>(() => CaptionTextFiles.ReadHypotheses(temp.File("hyp.tsv")));
        Assert.Contains("hyp.tsv:2", error.Message);
    }
}
