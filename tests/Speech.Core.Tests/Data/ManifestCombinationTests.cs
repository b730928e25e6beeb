using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

public sealed class ManifestCombinationTests
{
    static string Write(TempDirectory folder, string name, params Cut[] cuts)
    {
        string path = folder.File(name);
        Manifest.Write(path, cuts);
        return path;
    }

    [Fact]
    public void Prefixes_keep_separately_made_corpora_apart_and_audio_paths_still_resolve()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var outFolder = new TempDirectory();
        string first = Write(a, "a.jsonl", new Cut("1001-0", new AudioSource(a.File("x.flac")), 0, 1.5, 16000, "ONE", "1001"));
        string second = Write(b, "b.jsonl.gz", new Cut("1001-0", new AudioSource(b.File("x.flac")), 0.5, 1.0, 16000, "TWO", "1001"),
            new Cut("1002-0", new AudioSource(b.File("y.flac")), 0, 2.0, 16000, "THREE", null));
        string combined = outFolder.File("all.jsonl.gz");

        Manifest.Write(combined, ManifestCombination.Combine(new[] { ManifestCombination.ParseInput(first + "=m"), ManifestCombination.ParseInput(second + "=b") }));
        var cuts = Manifest.Read(combined).ToList();

        Assert.Equal(new[] { "m1001-0", "b1001-0", "b1002-0" }, cuts.Select(c => c.Id));
        Assert.Equal(new[] { "m1001", "b1001", null }, cuts.Select(c => c.Speaker));
        Assert.Equal(new[] { a.File("x.flac"), b.File("x.flac"), b.File("y.flac") }, cuts.Select(c => Path.GetFullPath(c.Source.Path)));
        Assert.Equal(new[] { "ONE", "TWO", "THREE" }, cuts.Select(c => c.Text));
        Assert.Equal(0.5, cuts[1].Start);
    }

    [Fact]
    public void The_same_id_in_two_inputs_without_prefixes_names_both_files()
    {
        using var a = new TempDirectory();
        string first = Write(a, "a.jsonl", new Cut("c", new AudioSource(a.File("x.flac")), 0, 1, 16000));
        string second = Write(a, "b.jsonl", new Cut("c", new AudioSource(a.File("y.flac")), 0, 1, 16000));

        var error = Assert.Throws<ManifestException>(() => ManifestCombination.Combine(new[] { new ManifestCombination.Input(first, ""), new ManifestCombination.Input(second, "") }).ToList());
        Assert.Contains("b.jsonl", error.Message);
        Assert.Contains("a.jsonl", error.Message);
        Assert.Equal(new ManifestCombination.Input("m.jsonl", ""), ManifestCombination.ParseInput("m.jsonl"));
    }
}
