using System.Globalization;
using Speech.Core.Data;
using Speech.Core.Data.Importers;
using Speech.Core.Data.Sampling;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

/// <summary>Import → validate → sample on the committed mini corpus; durations against
/// <c>soxi -D</c> (SoX reads the FLAC independently of our header probe).</summary>
public sealed class MiniCorpusRoundTripTests
{
    static List<Cut> ImportSplit(string split) =>
        new LibriSpeechImporter().Import(Path.Combine(MiniCorpus.Root, split), new ImportContext(new AudioReaderProbe())).ToList();

    [Fact]
    public void Splits_hold_120_utterances_with_disjoint_speakers()
    {
        var splits = MiniCorpusSynthesizerSplits.ToDictionary(s => s, ImportSplit);
        Assert.Equal(new[] { 96, 12, 12 }, splits.Values.Select(c => c.Count));
        var speakers = splits.Values.Select(c => c.Select(x => x.Speaker).ToHashSet()).ToList();
        Assert.Equal(8, speakers[0].Count);
        Assert.Empty(speakers[0].Intersect(speakers[1]).Concat(speakers[0].Intersect(speakers[2])).Concat(speakers[1].Intersect(speakers[2])));
        Assert.All(splits.Values.SelectMany(c => c), cut => Assert.Equal(cut.Text, cut.Text!.ToUpperInvariant()));
    }

    static readonly string[] MiniCorpusSynthesizerSplits = { "train", "dev", "test" };

    [Fact]
    public void Durations_match_soxi()
    {
        foreach (var cut in ImportSplit("dev").Concat(ImportSplit("test")))
        {
            double soxi = double.Parse(ExternalTool.Run("soxi", "-D", cut.Source.Path).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(soxi, cut.Duration, 5);
            Assert.Equal(16000, cut.SampleRate);
        }
    }

    [Fact]
    public void Import_write_validate_and_sample_keeps_every_cut()
    {
        using var temp = new TempDirectory();
        var imported = ImportSplit("train");
        string manifest = temp.File("train.jsonl.gz");
        Assert.Equal(96, Manifest.Write(manifest, imported));

        var report = new ManifestValidator(new AudioReaderProbe()).Validate(manifest);
        Assert.Empty(report.Skipped);
        Assert.Equal(imported.Select(c => c with { Duration = Math.Round(c.Duration, 6) }), report.Valid); // manifests keep 6 decimals

        var sampler = new DynamicBucketingSampler(report.Valid, new BucketingOptions { MaxDuration = 10, Buckets = 4, Seed = 7 });
        var batches = sampler.Batches().ToList();
        Assert.All(batches, b => Assert.True(b.Sum(c => c.Duration) <= 10));
        Assert.Equal(imported.Select(c => c.Id).Order(), batches.SelectMany(b => b).Select(c => c.Id).Order());

        for (int n = 1; n <= 4; n++)
        {
            var ids = Enumerable.Range(0, n).SelectMany(i => ManifestSets.Shard(Manifest.Read(manifest), new ShardSpec(i, n))).Select(c => c.Id).ToList();
            Assert.Equal(imported.Select(c => c.Id).Order(), ids.Order());
        }
    }
}
