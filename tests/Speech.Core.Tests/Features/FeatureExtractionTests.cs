using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Tests.Audio;
using Speech.Testing;

namespace Speech.Core.Tests.Features;

/// <summary>Extraction over a manifest with good and bad cuts: strict stops at the first bad one,
/// skip-bad reports each by file and line, an I/O failure keeps the shard open, the counts add up,
/// reruns skip finished work, shards partition the cuts.</summary>
public sealed class FeatureExtractionTests : IDisposable
{
    readonly TempDirectory folder = new("speech-extract");

    public void Dispose() => folder.Dispose();

    /// <summary>Lines 1, 3, 5 good; 2, 4, 6 bad (truncated, not audio, empty).</summary>
    string MixedManifest()
    {
        string good = ReferenceAudio.Synth(folder.File("good.flac"), 16000, 1, 16, seconds: 1.0);
        string other = ReferenceAudio.Synth(folder.File("other.wav"), 44100, 2, 16, seconds: 0.5);
        string truncated = ReferenceAudio.Synth(folder.File("truncated.wav"), 16000, 1, 16);
        using (var file = new FileStream(truncated, FileMode.Open)) file.SetLength(file.Length / 2);
        string text = folder.File("text.flac");
        File.WriteAllText(text, "not audio");
        string empty = folder.File("empty.wav");
        File.WriteAllBytes(empty, []);
        return Write(
        [
            new Cut("good-a", new AudioSource(good), 0, 0.5, 16000),
            new Cut("bad-truncated", new AudioSource(truncated), 0, 0.5, 16000),
            new Cut("good-b", new AudioSource(good), 0.5, 0.5, 16000),
            new Cut("bad-text", new AudioSource(text), 0, 1, 16000),
            new Cut("good-c", new AudioSource(other, Channel: 1), 0.1, 0.3, 44100),
            new Cut("bad-empty", new AudioSource(empty), 0, 1, 16000),
        ]);
    }

    string Write(IEnumerable<Cut> cuts)
    {
        string manifest = folder.File("cuts.jsonl");
        Manifest.Write(manifest, cuts);
        return manifest;
    }

    [Fact]
    public void Strict_extraction_stops_at_the_first_bad_cut_naming_its_line()
    {
        string manifest = MixedManifest();
        using var fbank = FeatureExtractors.Create("fbank");
        string store = folder.File("store");

        var error = Assert.Throws<ManifestException>(() => FeatureExtraction.Run(manifest, store, fbank));

        Assert.StartsWith($"{manifest}:2: cut 'bad-truncated': ", error.Message);
        Assert.Empty(Directory.GetFiles(store, "*.done"));
    }

    [Fact]
    public void Skipped_cuts_are_reported_by_line_and_the_counts_add_up()
    {
        string manifest = MixedManifest();
        using var fbank = FeatureExtractors.Create("fbank");
        string store = folder.File("store");

        var report = FeatureExtraction.Run(manifest, store, fbank, new FeatureExtractionOptions { BatchSize = 2 }, new BadItemPolicy(skipBad: true));

        Assert.Equal(new ItemTally(6, 3, 0, 3, 0), report.Counts);
        Assert.Equal([(2, "bad-truncated"), (4, "bad-text"), (6, "bad-empty")], report.Skipped.Select(s => (s.Line, s.CutId!)));
        Assert.All(report.Skipped, s => Assert.Contains(folder.Path, s.Problem));
        Assert.Single(Directory.GetFiles(store, "*.done")); // skipping is what was asked for: the shard is done
        using (var features = FeatureStore.Open(store))
        {
            Assert.Equal(48, features.Read("good-a", out int frames).Length / 80); // 8000 samples → 1 + (8000 − 400) / 160
            Assert.Equal(48, frames);
            Assert.Equal(28, features.Read("good-c", out _).Length / 80);         // 0.3 s at 16 kHz after resampling
        }

        var rerun = FeatureExtraction.Run(manifest, store, fbank, new FeatureExtractionOptions { BatchSize = 2 }, new BadItemPolicy(skipBad: true));
        Assert.Equal(new ItemTally(6, 0, 3, 3, 0), rerun.Counts);
    }

    [Fact]
    public void An_io_error_is_a_failure_that_keeps_the_shard_open()
    {
        // Reading /proc/self/mem at offset 0 fails with EIO: a real I/O error, not a bad file.
        string good = ReferenceAudio.Synth(folder.File("good.flac"), 16000, 1, 16, seconds: 1.0);
        string manifest = Write(
        [
            new Cut("good", new AudioSource(good), 0, 0.5, 16000),
            new Cut("eio", new AudioSource("/proc/self/mem"), 0, 0.5, 16000),
        ]);
        using var fbank = FeatureExtractors.Create("fbank");
        string store = folder.File("store");

        var report = FeatureExtraction.Run(manifest, store, fbank);

        Assert.Equal(new ItemTally(2, 1, 0, 0, 1), report.Counts);
        Assert.Equal(("io-error", 2), (report.Failures[0].Kind, report.Failures[0].Line));
        Assert.Empty(Directory.GetFiles(store, "*.done"));
    }

    [Fact]
    public void Shards_partition_the_manifest_and_npy_files_are_named_by_cut()
    {
        string all = MixedManifest();
        string manifest = Write(Manifest.Read(all).Where(c => c.Id.StartsWith("good")).ToList());
        using var mel = FeatureExtractors.Create("whisper-mel");
        string output = folder.File("npy");

        var first = FeatureExtraction.Run(manifest, output, mel, new FeatureExtractionOptions { Format = FeatureFormat.Npy, ShardIndex = 0, ShardCount = 2 });
        var second = FeatureExtraction.Run(manifest, output, mel, new FeatureExtractionOptions { Format = FeatureFormat.Npy, ShardIndex = 1, ShardCount = 2 });

        Assert.Equal(3, first.Counts.Done + second.Counts.Done);
        Assert.Equal(["good-a.npy", "good-b.npy", "good-c.npy"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Equal(10 + 118 + 3000 * 80 * 4, new FileInfo(Path.Combine(output, "good-a.npy")).Length);
    }
}
