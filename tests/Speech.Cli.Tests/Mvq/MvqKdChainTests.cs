using System.Text.Json.Nodes;
using Speech.Asr.Mvq;
using Speech.Core.Data;
using Speech.Testing;

namespace Speech.Cli.Tests.Mvq;

/// <summary>The mini mvq_kd recipe's verbs end to end on six cuts of the committed dev split with the
/// shipped mini Whisper teacher: embeddings in two shards, a quantizer trained for a few steps, the
/// indexes, then a student with each KD kind for two steps. Plumbing only: the numbers of such short
/// runs mean nothing; the quantizer's quality is tested in Speech.Asr.Tests.</summary>
public sealed class MvqKdChainTests
{
    static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.Error + run.Output);

    static readonly string Teacher = Path.Combine(RepositoryPaths.Root, "models", "mini-whisper-teacher");
    static readonly string Conf = Path.Combine(RepositoryPaths.Root, "recipes", "mini", "mvq_kd", "conf", "student.yaml");
    static readonly string[] Small = ["--set", "training.steps=2", "training.warmup=0", "training.max_duration=12", "training.checkpoint_every=0"];

    [Fact]
    public void Embed_train_quantizer_encode_and_train_students()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("dev").Take(7).ToList();
        Manifest.Write(temp.File("six.jsonl"), cuts.Take(6));
        Manifest.Write(temp.File("seven.jsonl"), cuts);
        string embeddings = temp.File("embeddings");
        foreach (string shard in new[] { "0/2", "1/2" })
            Ok(CliRun.Of("mvq", "embeddings", "--teacher", Teacher, "--layer", "2", "--manifest", temp.File("six.jsonl"), "--out", embeddings, "--shard", shard));
        Assert.Contains("was already complete (3 cuts)", CliRun.Of("mvq", "embeddings", "--teacher", Teacher, "--layer", "2",
            "--manifest", temp.File("six.jsonl"), "--out", embeddings, "--shard", "1/2").Output);

        var quantizer = CliRun.Of("mvq", "train-quantizer", "--embeddings", embeddings, "--out", temp.File("quantizer.safetensors"),
            "--bytes-per-frame", "2", "--phase-one-steps", "4", "--phase-two-steps", "4", "--batch-size", "64");
        Ok(quantizer);
        Assert.Contains("2 codebooks of 256", quantizer.Output);
        for (int r = 0; r <= 5; r++) Assert.Contains($"  {r}: ", quantizer.Output);
        string id = System.Text.RegularExpressions.Regex.Match(quantizer.Output, "quantizer ([0-9a-f]{8}): ").Groups[1].Value;
        Assert.Equal(8, id.Length);

        string indexes = temp.File("indexes");
        var encode = CliRun.Of("mvq", "encode", "--quantizer", temp.File("quantizer.safetensors"), "--embeddings", embeddings,
            "--manifest", temp.File("six.jsonl"), "--out", indexes);
        Ok(encode);
        Assert.Contains("6 encoded", encode.Output);
        Assert.Contains(id, File.ReadAllText(Path.Combine(indexes, "codebook_indexes.json")));
        // A cut without embeddings is reported and counted, and the shard stays unfinished.
        var missing = CliRun.Of("mvq", "encode", "--quantizer", temp.File("quantizer.safetensors"), "--embeddings", embeddings,
            "--manifest", temp.File("seven.jsonl"), "--out", temp.File("indexes7"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"cut '{cuts[6].Id}' is not in", missing.Error);
        Assert.Contains("1 without embeddings", missing.Output);

        var mvq = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("seven.jsonl"), "--targets", indexes,
            "--quantizer-id", id, "--out", temp.File("mvq"), .. Small]);
        Ok(mvq);
        Assert.Contains("KD mvq on layer 3, 7 cuts, 1 without teacher targets", mvq.Output);
        Assert.Contains($"cut '{cuts[6].Id}' is not in", mvq.Output);
        var last = JsonNode.Parse(File.ReadAllLines(temp.File("mvq/metrics.jsonl"))[^1])!;
        Assert.True(double.IsFinite(last["codebook"]!.GetValue<double>()) && last["codebook"]!.GetValue<double>() > 0);

        // The manifest can carry each cut's reference to its indexes (lhotse's TemporalArray); training
        // from it needs no --targets, and a cut without indexes is kept, reported and counted.
        Directory.CreateDirectory(temp.File("attached"));
        string attached = temp.File("attached/seven.jsonl");
        var attach = CliRun.Of("mvq", "attach", "--manifest", temp.File("seven.jsonl"), "--indexes", indexes, "--out", attached);
        Ok(attach);
        Assert.Contains($"7 cuts: 6 reference indexes of quantizer {id}", attach.Output);
        Assert.Contains("1 have none", attach.Output);
        Assert.Contains($"cut '{cuts[6].Id}' is not in", attach.Error);
        var referenced = Manifest.Read(attached).ToList();
        Assert.Equal(cuts.Select(c => c.Id), referenced.Select(c => c.Id));
        var first = CodebookIndexReference.Of(referenced[0], attached)!;
        Assert.Equal(Path.Combine("..", "indexes"), first.StoragePath);
        Assert.Equal(Path.GetFullPath(indexes), first.StoreFolder(attached));
        Assert.Equal((id, 2, 0.02), (first.QuantizerId, first.Shape[1], first.FrameShift));
        using (var store = CodebookIndexStore.Open(indexes))
        {
            store.TryRead(cuts[0].Id, out int frames);
            Assert.Equal(frames, first.Shape[0]);
        }
        Assert.Null(CodebookIndexReference.Of(referenced[6], attached));
        var fromManifest = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", attached, "--quantizer-id", id, "--out", temp.File("mvq_attached"), .. Small]);
        Ok(fromManifest);
        Assert.Contains("KD mvq on layer 3, 7 cuts, 1 without teacher targets", fromManifest.Output);
        var attachedWrongId = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", attached, "--quantizer-id", "0badc0de", "--out", temp.File("attached_wrong"), .. Small]);
        Assert.Equal(1, attachedWrongId.ExitCode);
        Assert.Contains($"indexes of quantizer {id}, but quantizer 0badc0de", attachedWrongId.Error);
        var noReferences = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("six.jsonl"), "--out", temp.File("no_refs"), .. Small]);
        Assert.Equal(1, noReferences.ExitCode);
        Assert.Contains("no cut references codebook indexes", noReferences.Error);

        // The teacher run on the fly inside training gives the very bytes `mvq encode --teacher` caches.
        string quantizerFile = temp.File("quantizer.safetensors");
        Ok(CliRun.Of("mvq", "encode", "--quantizer", quantizerFile, "--teacher", Teacher, "--layer", "2", "--manifest", temp.File("six.jsonl"),
            "--out", temp.File("indexes_teacher")));
        using (var cached = CodebookIndexStore.Open(temp.File("indexes_teacher")))
        using (var live = LiveCodebookIndexes.Open(quantizerFile, Teacher, 2, TorchSharp.torch.CPU))
        {
            Assert.Equal(id, live.QuantizerId);
            foreach (var cut in cuts.Take(6))
            {
                Assert.Equal(cached.TryRead(cut.Id, out int cachedFrames), live.TryRead(cut, out int liveFrames));
                Assert.Equal(cachedFrames, liveFrames);
            }
        }
        var onTheFly = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("seven.jsonl"), "--teacher", Teacher, "--layer", "2",
            "--quantizer", quantizerFile, "--quantizer-id", id, "--out", temp.File("mvq_live"), .. Small]);
        Ok(onTheFly);
        Assert.Contains("KD mvq on layer 3, 7 cuts, 0 without teacher targets", onTheFly.Output);
        Assert.True(double.IsFinite(JsonNode.Parse(File.ReadAllLines(temp.File("mvq_live/metrics.jsonl"))[^1])!["codebook"]!.GetValue<double>()));
        var liveWrongId = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("six.jsonl"), "--teacher", Teacher, "--layer", "2",
            "--quantizer", quantizerFile, "--quantizer-id", "0badc0de", "--out", temp.File("live_wrong"), .. Small]);
        Assert.Equal(1, liveWrongId.ExitCode);
        Assert.Contains($"quantizer {id}, but quantizer 0badc0de", liveWrongId.Error);

        var wrongId = CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("six.jsonl"), "--targets", indexes,
            "--quantizer-id", "0badc0de", "--out", temp.File("wrong"), .. Small]);
        Assert.Equal(1, wrongId.ExitCode);
        Assert.Contains($"indexes of quantizer {id}, but quantizer 0badc0de", wrongId.Error);

        Ok(CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("six.jsonl"), "--targets", embeddings,
            "--out", temp.File("l2"), .. Small, "mvq.kind=l2"]));
        Assert.True(double.IsFinite(JsonNode.Parse(File.ReadAllLines(temp.File("l2/metrics.jsonl"))[^1])!["l2"]!.GetValue<double>()));
        Ok(CliRun.Of(["mvq", "train", "--config", Conf, "--manifest", temp.File("six.jsonl"), "--out", temp.File("baseline"), .. Small, "mvq.kind=none"]));
        Assert.True(File.Exists(temp.File("baseline/model/model.safetensors")));

        var storage = CliRun.Of("mvq", "storage", "--dim", "256", "--codebooks", "2", "--folder", $"indexes={indexes}", "--folder", $"embeddings={embeddings}");
        Ok(storage);
        Assert.Contains("float16 embeddings: 512 bytes per frame (256× the indexes)", storage.Output);
        Assert.Contains("disk: indexes:", storage.Output);
    }

    /// <summary>The acceptance's case: 1024-dimensional float32 embeddings against 16 codebooks are
    /// 4 · 1024 / 16 = 256 times larger.</summary>
    [Fact]
    public void Storage_report_prints_256_times_for_dim_1024_and_16_codebooks()
    {
        var run = CliRun.Of("mvq", "storage", "--dim", "1024", "--codebooks", "16");
        Ok(run);
        Assert.Contains("float32 embeddings: 4096 bytes per frame (256× the indexes)", run.Output);
        Assert.Contains("float16 embeddings: 2048 bytes per frame (128× the indexes)", run.Output);
        Assert.Contains("codebook indexes:   16 bytes per frame", run.Output);
    }
}
