using Speech.Core.Data.Synthesis;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

/// <summary>The espeak-ng corpus generator: the committed corpus is what its README command makes,
/// held-out sentences are never spoken, and reused sentences stay distinct within a speaker.</summary>
public sealed class MiniCorpusSynthesizerTests
{
    /// <summary>id → transcript of every *.trans.txt below a folder.</summary>
    static Dictionary<string, string> Transcripts(string folder) =>
        Directory.EnumerateFiles(folder, "*.trans.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    [Fact]
    public void The_readme_command_regenerates_the_committed_corpus()
    {
        using var temp = new TempDirectory();
        // recipes/mini/data/README.md: --speakers 10 --utterances-per-speaker 12 --min-words 3 --max-words 6 --seed 1
        var summary = MiniCorpusSynthesizer.Synthesize(temp.Path, new SynthesisOptions());
        Assert.Equal(120, summary.Utterances);
        Assert.Equal(new Dictionary<string, int> { ["espeak-ng"] = 120 }, summary.UtterancesPerEngine);
        Assert.Equal(Transcripts(MiniCorpus.Root).OrderBy(p => p.Key), Transcripts(temp.Path).OrderBy(p => p.Key));
        foreach (string split in MiniCorpusSynthesizer.Splits)
            foreach (string committed in Directory.EnumerateFiles(Path.Combine(MiniCorpus.Root, split), "*.flac", SearchOption.AllDirectories))
                Assert.Equal(File.ReadAllBytes(committed), File.ReadAllBytes(Path.Combine(temp.Path, Path.GetRelativePath(MiniCorpus.Root, committed))));
    }

    [Fact]
    public void Excluded_sentences_are_never_spoken_and_reuse_stays_distinct_per_speaker()
    {
        using var temp = new TempDirectory();
        var excluded = Transcripts(Path.Combine(MiniCorpus.Root, "test")).Values.ToHashSet();
        var pool = KjvSentenceSource.Load(3, 6).ToHashSet();
        Assert.Subset(pool, excluded); // the held-out sentences come from the same pool
        var options = new SynthesisOptions
        {
            Speakers = 3, UtterancesPerSpeaker = 4, DevSpeakers = 0, TestSpeakers = 0,
            ExcludedSentences = excluded, ReuseSentences = true, Seed = 5,
        };
        Assert.Equal(12, MiniCorpusSynthesizer.Synthesize(temp.Path, options).Utterances);
        var texts = Transcripts(temp.Path);
        Assert.Equal(12, texts.Count);
        Assert.DoesNotContain(texts.Values, excluded.Contains);
        Assert.All(texts.Values, text => Assert.Contains(text, pool));
        Assert.All(texts.GroupBy(p => p.Key.Split('-')[0]), speaker => Assert.Equal(4, speaker.Select(p => p.Value).Distinct().Count()));

        // With reuse a speaker may read the whole remaining pool, but not more.
        var error = Assert.Throws<Speech.Core.Errors.ConfigException>(() =>
            MiniCorpusSynthesizer.Synthesize(temp.File("too-many"), options with { UtterancesPerSpeaker = pool.Count - excluded.Count + 1 }));
        Assert.Contains("excluded", error.Message);
    }
}
