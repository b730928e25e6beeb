using Speech.Core.Data;
using Speech.Core.Features;
using Speech.Core.Tests.Audio;
using Speech.Testing;

namespace Speech.Core.Tests.Features;

/// <summary>Extraction over a manifest with good and bad cuts: every bad cut is reported by name,
/// the counts add up, reruns skip finished work, shards partition the cuts.</summary>
public sealed class FeatureExtractionTests : IDisposable
{
    readonly TempDirectory folder = new("speech-extract");

    public void Dispose() => folder.Dispose();

    List<Cut> MixedCuts()
    {
        string good = ReferenceAudio.Synth(folder.File("good.flac"), 16000, 1, 16, seconds: 1.0);
        string other = ReferenceAudio.Synth(folder.File("other.wav"), 44100, 2, 16, seconds: 0.5);
        string truncated = ReferenceAudio.Synth(folder.File("truncated.wav"), 16000, 1, 16);
        using (var file = new FileStream(truncated, FileMode.Open)) file.SetLength(file.Length / 2);
        string text = folder.File("text.flac");
        File.WriteAllText(text, "not audio");
        string empty = folder.File("empty.wav");
        File.WriteAllBytes(empty, []);
        return
        [
            new Cut("good-a", new AudioSource(good), 0, 0.5, 16000),
            new Cut("bad-truncated", new AudioSource(truncated), 0, 0.5, 16000),
            new Cut("good-b", new AudioSource(good), 0.5, 0.5, 16000),
            new Cut("bad-text", new AudioSource(text), 0, 1, 16000),
            new Cut("good-c", new AudioSource(other, Channel: 1), 0.1, 0.3, 44100),
            new Cut("bad-empty", new AudioSource(empty), 0, 1, 16000),
        ];
    }

    [Fact]
    public void Bad_cuts_are_reported_by_name_and_the_counts_add_up()
    {
        var cuts = MixedCuts();
        using var fbank = FeatureExtractors.Create("fbank");
        string store = folder.File("store");

        var report = FeatureExtraction.Run(cuts, store, fbank, new FeatureExtractionOptions { BatchSize = 2 });

        Assert.Equal((6, 3, 0), (report.Total, report.Written, report.AlreadyDone));
        Assert.Equal(["bad-empty", "bad-text", "bad-truncated"], report.Failures.Select(f => f.CutId).Order());
        Assert.All(report.Failures, f => Assert.Contains(folder.Path, f.Problem));
        using var features = FeatureStore.Open(store);
        Assert.Equal(48, features.Read("good-a", out int frames).Length / 80); // 8000 samples → 1 + (8000 − 400) / 160
        Assert.Equal(48, frames);
        Assert.Equal(28, features.Read("good-c", out _).Length / 80);         // 0.3 s at 16 kHz after resampling

        var rerun = FeatureExtraction.Run(cuts, store, fbank, new FeatureExtractionOptions { BatchSize = 2 });
        Assert.Equal((6, 0, 3, 3), (rerun.Total, rerun.Written, rerun.AlreadyDone, rerun.Failures.Count));
    }

    [Fact]
    public void Shards_partition_the_manifest_and_npy_files_are_named_by_cut()
    {
        var cuts = MixedCuts().Where(c => c.Id.StartsWith("good")).ToList();
        using var mel = FeatureExtractors.Create("whisper-mel");
        string output = folder.File("npy");

        var first = FeatureExtraction.Run(cuts, output, mel, new FeatureExtractionOptions { Format = FeatureFormat.Npy, ShardIndex = 0, ShardCount = 2 });
        var second = FeatureExtraction.Run(cuts, output, mel, new FeatureExtractionOptions { Format = FeatureFormat.Npy, ShardIndex = 1, ShardCount = 2 });

        Assert.Equal(3, first.Written + second.Written);
        Assert.Equal(["good-a.npy", "good-b.npy", "good-c.npy"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Equal(10 + 118 + 3000 * 80 * 4, new FileInfo(Path.Combine(output, "good-a.npy")).Length);
    }
}
