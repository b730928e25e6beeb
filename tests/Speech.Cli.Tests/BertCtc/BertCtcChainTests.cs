using Speech.Core.Data;
using Speech.Core.IO;
using Speech.Testing;

namespace Speech.Cli.Tests.BertCtc;

/// <summary>The mini bert_ctc recipe's verbs end to end on the committed dev (as training) and test
/// splits, with the recipe's own configs shrunk by --set: BERT text, BERT training and scoring, soft
/// labels in two shards, the three students, evaluation with shallow fusion. Plumbing only: the
/// numbers of three-step models mean nothing.</summary>
public sealed class BertCtcChainTests
{
    static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.Error + run.Output);

    static readonly string Conf = Path.Combine(RepositoryPaths.Root, "recipes", "mini", "bert_ctc", "conf");
    static readonly string[] SmallBert = ["--set", "model.hidden_size=32", "model.intermediate_size=64", "training.steps=3", "training.warmup=0",
        "training.batch_size=16", "training.checkpoint_every=0"];
    static readonly string[] SmallStudent = ["--set", "model.d_model=64", "model.layers=4", "model.ffn_dim=128", "kd.decoder_ffn_dim=128",
        "training.steps=2", "training.warmup=0", "training.checkpoint_every=0"];

    [Fact]
    public void Text_bert_soft_labels_three_students_and_the_evaluation_run_as_the_recipe_runs_them()
    {
        using var temp = new TempDirectory();
        string train = temp.File("train.jsonl"), test = temp.File("test.jsonl");
        Manifest.Write(train, MiniCorpus.Split("dev"));
        Manifest.Write(test, MiniCorpus.Split("test"));

        var text = CliRun.Of("bert", "text", "--passages", "mini", "--exclude-manifest", test, "--out", temp.File("text.txt"));
        Ok(text);
        Assert.Contains("12 held-out sentences left out", text.Output);
        var testSentences = MiniCorpus.Split("test").Select(c => c.Text!).ToHashSet();
        Assert.DoesNotContain(File.ReadLines(temp.File("text.txt")), testSentences.Contains);

        Ok(CliRun.Of(["bert", "train", "--config", Path.Combine(Conf, "bert.yaml"), "--text", temp.File("text.txt"), "--out", temp.File("bert"), .. SmallBert]));
        Assert.True(File.Exists(temp.File("bert/model/model.safetensors")) && File.Exists(temp.File("bert/model/vocab.txt")));
        var score = CliRun.Of("bert", "score", "--bert", temp.File("bert/model"), "--manifest", test);
        Ok(score);
        Assert.Contains("12 sentences", score.Output);
        Assert.Contains("pseudo-perplexity", score.Output);

        foreach (string shard in new[] { "0/2", "1/2" })
            Ok(CliRun.Of("bert-kd", "targets", "--bert", temp.File("bert/model"), "--manifest", train, "--out", temp.File("targets"), "--shard", shard));
        var again = CliRun.Of("bert-kd", "targets", "--bert", temp.File("bert/model"), "--manifest", train, "--out", temp.File("targets"), "--shard", "1/2");
        Assert.Contains("already complete (6 cuts)", again.Output);

        string[] kd = ["--bert", temp.File("bert/model"), "--targets", temp.File("targets")];
        var baseline = CliRun.Of(["bert-kd", "train", "--config", Path.Combine(Conf, "student.yaml"), "--manifest", train, "--out", temp.File("baseline"), .. SmallStudent, "kd.weight=0"]);
        Ok(baseline);
        Assert.Contains("no decoders (CTC baseline)", baseline.Output);
        var finalOnly = CliRun.Of(["bert-kd", "train", "--config", Path.Combine(Conf, "student.yaml"), "--manifest", train, "--out", temp.File("final_only"), .. kd, .. SmallStudent, "kd.final_only=true"]);
        Ok(finalOnly);
        Assert.Contains("decoders on encoder layers 4;", finalOnly.Output);
        var interFinal = CliRun.Of(["bert-kd", "train", "--config", Path.Combine(Conf, "student.yaml"), "--manifest", train, "--out", temp.File("inter_final"), .. kd, .. SmallStudent]);
        Ok(interFinal);
        Assert.Contains("decoders on encoder layers 2, 4;", interFinal.Output);
        Assert.DoesNotContain(SafetensorsFile.Open(temp.File("inter_final/model/model.safetensors")).Entries.Keys, k => k.Contains("decoder"));

        var eval = CliRun.Of("bert-kd", "eval", "--manifest", test, "--out", temp.File("results.tsv"), "--system", $"baseline={temp.File("baseline/model")}",
            "--system", $"final_only={temp.File("final_only/model")}", "--system", $"inter_final={temp.File("inter_final/model")}",
            "--fusion", $"baseline+lm={temp.File("baseline/model")}", "--lm-text", temp.File("text.txt"), "--beam", "2");
        Ok(eval);
        var rows = File.ReadAllLines(temp.File("results.tsv"));
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("baseline\tgreedy CTC\t", rows[1]);
        Assert.StartsWith("baseline+lm\tbeam 2 + char 6-gram LM\t", rows[4]);
        var words = rows.Skip(1).Select(r => int.Parse(r.Split('\t')[^1])).Distinct().ToList();
        Assert.True(words.Count == 1 && words[0] > 30, $"every system is scored on the same words: {string.Join(", ", words)}");
        Assert.Contains("decode s", eval.Output);
        Assert.True(new FileInfo(temp.File("results.png")).Length > 1000, "results.png drawn");
    }

    /// <summary>Every shipped BERT→CTC student config parses and trains two steps to a finite loss
    /// (as the baseline, which needs no soft labels; the chain test above trains the mini one with them).</summary>
    [Theory]
    [InlineData("recipes/mini/bert_ctc/conf/student.yaml")]
    [InlineData("recipes/librispeech/bert_ctc/conf/student.yaml")]
    public void A_student_config_trains_two_steps_to_a_finite_loss(string config)
    {
        using var temp = new TempDirectory();
        Manifest.Write(temp.File("train.jsonl"), MiniCorpus.Split("dev"));
        Ok(CliRun.Of("bert-kd", "train", "--config", Path.Combine(RepositoryPaths.Root, config), "--manifest", temp.File("train.jsonl"), "--out", temp.File("run"),
            "--set", "training.steps=2", "training.warmup=0", "training.max_duration=8", "model.layers=1", "kd.weight=0"));
        Assert.All(File.ReadAllLines(temp.File("run/metrics.jsonl")), l => Assert.True(double.IsFinite(System.Text.Json.Nodes.JsonNode.Parse(l)!["ctc"]!.GetValue<double>())));
        Assert.Contains("steps: 2", File.ReadAllText(temp.File("run/config.resolved.yaml")));
    }

    [Fact]
    public void Soft_labels_of_another_bert_are_refused_with_one_line()
    {
        using var temp = new TempDirectory();
        string train = temp.File("train.jsonl");
        Manifest.Write(train, MiniCorpus.Split("dev").Take(2));
        File.WriteAllLines(temp.File("a.txt"), ["the lord is my shepherd", "i shall not want"]);
        File.WriteAllLines(temp.File("b.txt"), ["he maketh me to lie down", "in green pastures"]);
        foreach (string name in new[] { "a", "b" })
            Ok(CliRun.Of(["bert", "train", "--config", Path.Combine(Conf, "bert.yaml"), "--text", temp.File($"{name}.txt"), "--out", temp.File($"bert_{name}"), .. SmallBert, "model.min_word_count=1"]));
        Ok(CliRun.Of("bert-kd", "targets", "--bert", temp.File("bert_a/model"), "--manifest", train, "--out", temp.File("targets")));
        var run = CliRun.Of(["bert-kd", "train", "--config", Path.Combine(Conf, "student.yaml"), "--manifest", train, "--out", temp.File("student"),
            "--bert", temp.File("bert_b/model"), "--targets", temp.File("targets"), .. SmallStudent]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("another BERT vocabulary", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
