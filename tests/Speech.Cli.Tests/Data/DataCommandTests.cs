using Speech.Testing;

namespace Speech.Cli.Tests.Data;

/// <summary>`speech data import|validate|stats` end to end on the committed mini corpus.</summary>
public sealed class DataCommandTests
{
    static string Split(string name) => Path.Combine(RepositoryPaths.Root, "recipes", "mini", "data", name);

    [Fact]
    public void Import_validate_and_stats_on_the_dev_split()
    {
        using var temp = new TempDirectory();
        string manifest = temp.File("dev.jsonl.gz");
        var import = CliRun.Of("data", "import", "librispeech", Split("dev"), "--out", manifest);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("12 cuts written", import.Output);

        var validate = CliRun.Of("data", "validate", manifest);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("12 cuts: 12 valid, 0 skipped", validate.Output);

        var stats = CliRun.Of("data", "stats", manifest);
        Assert.Contains("speakers  1", stats.Output);
    }

    [Fact]
    public void Validate_stops_at_a_bad_line_or_skips_it_with_counts()
    {
        using var temp = new TempDirectory();
        string manifest = temp.File("dev.jsonl");
        Assert.Equal(0, CliRun.Of("data", "import", "librispeech", Split("dev"), "--out", manifest).ExitCode);
        File.AppendAllText(manifest, "{\"id\": broken\n{\"id\":\"x\",\"audio\":\"nowhere.flac\",\"duration\":1,\"sample_rate\":16000}\n");

        var strict = CliRun.Of("data", "validate", manifest);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("dev.jsonl:13:", strict.Error);

        var lenient = CliRun.Of("data", "validate", manifest, "--skip-bad", "--out", temp.File("clean.jsonl"));
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("14 cuts: 12 valid, 2 skipped (1 bad-line, 1 missing)", lenient.Output);
        Assert.Equal(12, File.ReadAllLines(temp.File("clean.jsonl")).Length);
    }

    [Fact]
    public void Unknown_corpus_kind_lists_the_valid_ones()
    {
        var run = CliRun.Of("data", "import", "timit", Split("dev"), "--out", "/tmp/never.jsonl");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("valid: librispeech, kaldi, voxceleb, clotho", run.Error);
    }
}
