using Speech.Captioning.Data;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Testing;

namespace Speech.Captioning.Tests.Data;

public sealed class SyntheticCaptionCorpusTests
{
    static readonly SyntheticCaptionOptions Small = new() { TrainClips = 6, TestClips = 3, AudioOnlyClips = 2, ClipSeconds = 3 };

    [Fact]
    public void WritesCaptionedSplitsWithFiveDistinctCaptionsAndAnUncaptionedSet()
    {
        using var temp = new TempDirectory();
        var counts = SyntheticCaptionCorpus.Generate(temp.Path, Small);
        Assert.Equal(6, counts["train"]);
        var train = Manifest.Read(temp.File("train.jsonl")).ToList();
        Assert.Equal(6, train.Count);
        foreach (var cut in train)
        {
            var captions = CaptionTextFiles.CutCaptions(cut, "train");
            Assert.Equal(5, captions.Length);
            Assert.Equal(5, captions.Distinct().Count());
            Assert.Equal(3.0, cut.Duration, 3);
            var samples = CutAudio.Read(cut, 16000);
            Assert.Equal(48000, samples.Length);
            Assert.True(samples.Max(MathF.Abs) > 0.01f, $"{cut.Id} is silent");
        }
        var audioOnly = Manifest.Read(temp.File("audio_only.jsonl")).ToList();
        Assert.Equal(2, audioOnly.Count);
        Assert.All(audioOnly, c => Assert.True(c.Text is null && c.Extras is null));
        Assert.Equal(1 + 3, File.ReadAllLines(temp.File("test/captions.csv")).Length);
    }

    /// <summary>The same seed makes the same corpus (every clip has its own generator), and a rerun after
    /// completion leaves the files as they are.</summary>
    [Fact]
    public void IsDeterministicFromTheSeed()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        SyntheticCaptionCorpus.Generate(a.Path, Small);
        SyntheticCaptionCorpus.Generate(b.Path, Small);
        Assert.Equal(File.ReadAllText(a.File("train/captions.csv")), File.ReadAllText(b.File("train/captions.csv")));
        Assert.Equal(File.ReadAllBytes(a.File("test/audio/test_00001.wav")), File.ReadAllBytes(b.File("test/audio/test_00001.wav")));
        var before = File.GetLastWriteTimeUtc(a.File("train.jsonl"));
        SyntheticCaptionCorpus.Generate(a.Path, Small);
        Assert.Equal(before, File.GetLastWriteTimeUtc(a.File("train.jsonl")));
    }
}
