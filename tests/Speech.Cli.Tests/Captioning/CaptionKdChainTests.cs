using System.Text.Json.Nodes;
using Speech.Testing;

namespace Speech.Cli.Tests.Captioning;

/// <summary>The mini caption_kd recipe's verbs end to end on a tiny synthetic corpus, with the
/// recipe's own configs (two steps each): synthesise, train the teacher, cache its targets, train the
/// student with seq-KD + contrastive encoder KD + audio-only clips, generate, score and evaluate
/// against the teacher. Plumbing only: the numbers of two-step models mean nothing.</summary>
public sealed class CaptionKdChainTests
{
    static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.Error + run.Output);

    static readonly string Conf = Path.Combine(RepositoryPaths.Root, "recipes", "mini", "caption_kd", "conf");
    static readonly string[] Small = ["--set", "training.steps=2", "training.warmup=0", "training.max_duration=12", "training.checkpoint_every=0"];

    [Fact]
    public void Synthesise_train_teacher_cache_targets_distil_generate_and_evaluate()
    {
        using var temp = new TempDirectory();
        string data = temp.File("data");
        var synth = CliRun.Of("data", "synth-captions", "--out", data, "--train-clips", "8", "--test-clips", "4", "--audio-only-clips", "4", "--clip-seconds", "3");
        Ok(synth);
        Assert.Contains("train 8, test 4, audio_only 4 clips", synth.Output);
        Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(data, "train", "captions.csv")).Length); // header + a row a clip

        Ok(CliRun.Of(["caption", "train", "--config", Path.Combine(Conf, "teacher.yaml"), "--manifest", Path.Combine(data, "train.jsonl"), "--out", temp.File("teacher"), .. Small]));
        Assert.All(File.ReadAllLines(temp.File("teacher/metrics.jsonl")), l => Assert.True(double.IsFinite(JsonNode.Parse(l)!["ce"]!.GetValue<double>())));
        var targets = CliRun.Of("caption", "targets", "--model", temp.File("teacher/model"), "--manifest", Path.Combine(data, "train.jsonl"),
            Path.Combine(data, "audio_only.jsonl"), "--out", temp.File("targets.jsonl"));
        Ok(targets);
        Assert.Contains("12 cuts: 0 already done, 12 written, 0 undecodable", targets.Output);
        var again = CliRun.Of("caption", "targets", "--model", temp.File("teacher/model"), "--manifest", Path.Combine(data, "train.jsonl"),
            Path.Combine(data, "audio_only.jsonl"), "--out", temp.File("targets.jsonl"));
        Assert.Contains("12 already done, 0 written", again.Output);

        var student = CliRun.Of(["caption", "train", "--config", Path.Combine(Conf, "student.yaml"), "--manifest", Path.Combine(data, "train.jsonl"),
            "--audio-only", Path.Combine(data, "audio_only.jsonl"), "--teacher-targets", temp.File("targets.jsonl"), "--out", temp.File("student"),
            .. Small, "objective.seq_kd_weight=1", "objective.enc_kd=contrastive"]);
        Ok(student);
        Assert.Contains("on 12 cuts (4 audio-only)", student.Output);
        var metrics = File.ReadAllLines(temp.File("student/metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(new[] { "ce", "seq_kd", "enc_kd" }, term => Assert.True(double.IsFinite(metrics[^1][term]!.GetValue<double>()), term));

        Ok(CliRun.Of("caption", "generate", "--model", temp.File("student/model"), "--manifest", Path.Combine(data, "test.jsonl"), "--out", temp.File("hyp.tsv")));
        Assert.Equal(4, File.ReadAllLines(temp.File("hyp.tsv")).Length);
        Ok(CliRun.Of("score", "captions", "--ref", Path.Combine(data, "test.jsonl"), "--hyp", temp.File("hyp.tsv")));

        var eval = CliRun.Of("caption", "eval", "--model", temp.File("student/model"), "--manifest", Path.Combine(data, "test.jsonl"),
            "--baseline", temp.File("teacher/model"), "--out", temp.File("results.json"));
        Ok(eval);
        Assert.Contains("CIDEr-D", eval.Output);
        Assert.Contains("time ratio (model/baseline)", eval.Output);
        var results = JsonNode.Parse(File.ReadAllText(temp.File("results.json")))!;
        Assert.Equal(4, results["clips"]!.GetValue<int>());
        Assert.True(results["time_ratio"]!.GetValue<double>() > 0);
    }

    [Fact]
    public void A_vocab_size_in_the_config_is_refused_with_one_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bad.yaml"), "model:\n  vocab_size: 40\n");
        File.WriteAllText(temp.File("m.jsonl"), "");
        var run = CliRun.Of("caption", "train", "--config", temp.File("bad.yaml"), "--manifest", temp.File("m.jsonl"), "--out", temp.File("out"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("vocab_size", run.Error);
    }
}
