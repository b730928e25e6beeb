using Speech.Cli.Tests.Data;
using Speech.Core.Features;
using Speech.Testing;

namespace Speech.Cli.Tests.Features;

/// <summary><c>speech features extract</c> end to end on a manifest with bad items (<see cref="BadManifest"/>).</summary>
public sealed class FeaturesCommandTests : IDisposable
{
    readonly TempDirectory folder = new("speech-cli-features");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Without_skip_bad_the_first_bad_item_is_one_error_naming_file_and_line()
    {
        string manifest = BadManifest.Write(folder);
        string output = folder.File("fbank");

        var run = CliRun.Of("features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank");

        // The shard's lines are all read before any audio, so the malformed line 3 stops the run
        // before the missing audio of line 2 is met, and before anything is written.
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {manifest}:3: not valid JSON at column 8", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(output));
        File.WriteAllLines(manifest, File.ReadAllLines(manifest).Where(line => !line.Contains("broken")));
        var second = CliRun.Of("features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank");
        Assert.Equal(1, second.ExitCode);
        Assert.StartsWith($"error: {manifest}:2: cut 'gone': {folder.File("nowhere.flac")}: cannot open", second.Error);
        Assert.Empty(Directory.GetFiles(output, "*.done"));
    }

    [Fact]
    public void Skip_bad_reports_each_item_by_line_counts_add_up_and_reruns_resume()
    {
        string manifest = BadManifest.Write(folder);
        string output = folder.File("fbank");
        string[] args = ["features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank", "--skip-bad"];

        var first = CliRun.Of(args);
        var second = CliRun.Of(args);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("5 read: 2 written, 0 already done, 3 skipped (1 bad-line, 1 missing, 1 unreadable), 0 failed", first.Output);
        Assert.Contains($"skipped (missing): {manifest}:2: cut 'gone': ", first.Error);
        Assert.Contains($"skipped (bad-line): {manifest}:3: not valid JSON at column 8", first.Error);
        Assert.Contains($"skipped (unreadable): {manifest}:5: cut 'noise': {folder.File("noise.wav")}", first.Error);
        Assert.DoesNotContain("LineNumber", first.Error);
        Assert.Single(Directory.GetFiles(output, "*.done"));
        Assert.Contains("5 read: 0 written, 2 already done, 3 skipped", second.Output);
        using var store = FeatureStore.Open(output);
        Assert.Equal(["one", "two"], store.Ids.Order());
    }

    [Fact]
    public void A_failed_item_exits_1_and_leaves_the_shard_open_even_with_skip_bad()
    {
        string manifest = BadManifest.Write(folder, ioError: true);
        string output = folder.File("fbank");

        var run = CliRun.Of("features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank", "--skip-bad");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("6 read: 2 written, 0 already done, 3 skipped (1 bad-line, 1 missing, 1 unreadable), 1 failed", run.Output);
        Assert.Contains($"failed (io-error): {manifest}:6: cut 'eio': /proc/self/mem", run.Error);
        Assert.Empty(Directory.GetFiles(output, "*.done"));
    }

    [Fact]
    public void A_bad_shard_or_kind_is_one_clear_line()
    {
        var badShard = CliRun.Of("features", "extract", "--manifest", "m.jsonl", "--out", folder.Path, "--kind", "fbank", "--shard", "3/2");
        var badKind = CliRun.Of("features", "extract", "--manifest", "m.jsonl", "--out", folder.Path, "--kind", "mfcc");

        Assert.Equal((1, 1), (badShard.ExitCode, badKind.ExitCode));
        Assert.Contains("--shard 3/2", badShard.Error);
        Assert.Contains("mfcc", badKind.Error);
    }
}
