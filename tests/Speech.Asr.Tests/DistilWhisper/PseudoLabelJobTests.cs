using Speech.Asr.DistilWhisper;
using Speech.Asr.Inference;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using Speech.Testing;

namespace Speech.Asr.Tests.DistilWhisper;

public sealed class PseudoLabelJobTests
{
    static readonly WhisperConfig Config = WhisperModelTests.TinyEnglish with { MaxTargetPositions = 16 };

    sealed class Reporter(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }

    [Fact]
    public void A_killed_and_rerun_labelling_merges_to_the_same_manifest()
    {
        using var temp = new TempDirectory();
        Manifest.Write(temp.File("dev.jsonl"), MiniCorpus.Split("dev"));
        using var model = WhisperModelTests.Varied(Config, 91);
        using var engine = new TorchWhisperEngine(model, WhisperTokenizer.English(), new WhisperDecodingSettings { BatchSize = 3, MaxNewTokens = 8 });
        var job = new PseudoLabelJob(engine, batchSize: 3);
        var shards = new[] { new ShardSpec(0, 2), new ShardSpec(1, 2) };

        foreach (var shard in shards) job.Run(temp.File("dev.jsonl"), temp.File("straight"), shard);
        Assert.Equal(12, PseudoLabelMerge.Merge(temp.File("dev.jsonl"), temp.File("straight"), temp.File("straight.jsonl")));

        // Shard 0 is killed after its first batch, and the kill tears a line it was writing.
        using (var kill = new CancellationTokenSource())
        {
            var progress = new Reporter(p => { if (p.Done >= 3) kill.Cancel(); });
            Assert.Throws<OperationCanceledException>(() => job.Run(temp.File("dev.jsonl"), temp.File("killed"), shards[0], progress, kill.Token));
        }
        string shardFile = PseudoLabelShard.LabelsFile(temp.File("killed"), shards[0]);
        Assert.Equal(3, File.ReadAllLines(shardFile).Length);
        File.AppendAllText(shardFile, "{\"id\":\"1009-");
        Assert.Throws<ManifestException>(() => PseudoLabelMerge.Merge(temp.File("dev.jsonl"), temp.File("killed"), temp.File("x.jsonl")));

        var resumed = job.Run(temp.File("dev.jsonl"), temp.File("killed"), shards[0]);
        Assert.Equal((6, 3, 3), (resumed.ShardCuts, resumed.AlreadyDone, resumed.Labelled));
        job.Run(temp.File("dev.jsonl"), temp.File("killed"), shards[1]);
        Assert.True(job.Run(temp.File("dev.jsonl"), temp.File("killed"), shards[1]).WasComplete);
        PseudoLabelMerge.Merge(temp.File("dev.jsonl"), temp.File("killed"), temp.File("killed.jsonl"));

        Assert.Equal(File.ReadAllText(temp.File("straight.jsonl")), File.ReadAllText(temp.File("killed.jsonl")));
        var merged = Manifest.Read(temp.File("killed.jsonl")).ToList();
        Assert.All(merged, c => Assert.NotNull(PseudoLabelMerge.LabelOf(c)));
    }

    [Fact]
    public void Missing_audio_stops_the_job_naming_the_manifest_line()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("dev").Take(2).Append(new Cut("gone", new AudioSource(temp.File("nowhere.flac")), 0, 30, 16000));
        Manifest.Write(temp.File("dev.jsonl"), cuts);
        using var model = WhisperModelTests.Varied(Config, 91);
        using var engine = new TorchWhisperEngine(model, WhisperTokenizer.English(), new WhisperDecodingSettings { BatchSize = 3, MaxNewTokens = 8 });

        // The 30 s cut sorts first (longest first), so the job stops before labelling anything.
        var error = Assert.Throws<ManifestException>(() => new PseudoLabelJob(engine, batchSize: 1).Run(temp.File("dev.jsonl"), temp.File("labels"), ShardSpec.Whole));

        Assert.StartsWith($"{temp.File("dev.jsonl")}:3: cut 'gone': {temp.File("nowhere.flac")}: cannot open", error.Message);
        Assert.False(File.Exists(PseudoLabelShard.DoneMarker(temp.File("labels"), ShardSpec.Whole)));
    }
}
