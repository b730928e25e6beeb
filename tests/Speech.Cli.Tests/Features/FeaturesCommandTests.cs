using Speech.Core.Data;
using Speech.Core.Features;
using Speech.Testing;

namespace Speech.Cli.Tests.Features;

/// <summary><c>speech features extract</c> end to end on a small manifest with a bad cut.</summary>
public sealed class FeaturesCommandTests : IDisposable
{
    readonly TempDirectory folder = new("speech-cli-features");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Extract_writes_good_cuts_lists_bad_ones_and_resumes()
    {
        string good = folder.File("good.flac");
        ExternalTool.Run("sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", good, "synth", "1", "sine", "440");
        string bad = folder.File("bad.wav");
        File.WriteAllText(bad, "RIFF");
        string manifest = folder.File("cuts.jsonl");
        Manifest.Write(manifest,
        [
            new Cut("one", new AudioSource(good), 0, 0.5, 16000),
            new Cut("two", new AudioSource(good), 0.5, 0.5, 16000),
            new Cut("broken", new AudioSource(bad), 0, 1, 16000),
        ]);
        string output = folder.File("fbank");

        var first = CliRun.Of("features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank");
        var second = CliRun.Of("features", "extract", "--manifest", manifest, "--out", output, "--kind", "fbank");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("3 cuts: 2 written, 0 already done, 1 failed", first.Output);
        Assert.Contains("skipped broken", first.Error);
        Assert.Contains(bad, first.Error);
        Assert.Contains("3 cuts: 0 written, 2 already done, 1 failed", second.Output);
        using var store = FeatureStore.Open(output);
        Assert.Equal(["one", "two"], store.Ids.Order());
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
