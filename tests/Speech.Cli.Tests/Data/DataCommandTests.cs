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
        Assert.Contains("12 read: 12 valid, 0 skipped, 0 failed", validate.Output);

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
        Assert.Contains("14 read: 12 valid, 2 skipped (1 bad-line, 1 missing), 0 failed", lenient.Output);
        Assert.Equal(12, File.ReadAllLines(temp.File("clean.jsonl")).Length);
    }

    [Fact]
    public void Validate_follows_the_same_bad_item_rule_as_features_extract()
    {
        using var temp = new TempDirectory();
        string manifest = BadManifest.Write(temp);

        var strict = CliRun.Of("data", "validate", manifest);
        var lenient = CliRun.Of("data", "validate", manifest, "--skip-bad");
        var failing = CliRun.Of("data", "validate", BadManifest.Write(temp, ioError: true), "--skip-bad");

        Assert.Equal((1, 0, 1), (strict.ExitCode, lenient.ExitCode, failing.ExitCode));
        Assert.StartsWith($"error: {manifest}:2: cut 'gone': ", strict.Error);
        Assert.Contains("5 read: 2 valid, 3 skipped (1 bad-line, 1 missing, 1 unreadable), 0 failed", lenient.Output);
        Assert.Contains($"skipped (bad-line): {manifest}:3: not valid JSON at column 8", lenient.Error);
        Assert.Contains("6 read: 2 valid, 3 skipped (1 bad-line, 1 missing, 1 unreadable), 1 failed", failing.Output);
        Assert.Contains($"failed (io-error): {manifest}:6: cut 'eio'", failing.Error);
    }

    [Fact]
    public void Unknown_corpus_kind_lists_the_valid_ones()
    {
        var run = CliRun.Of("data", "import", "timit", Split("dev"), "--out", "/tmp/never.jsonl");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("valid: librispeech, kaldi, voxceleb, clotho", run.Error);
    }
}
