using Speech.Testing;

namespace Speech.Cli.Tests.Verification;

/// <summary>The speaker-verification verbs end to end on a tiny synthetic corpus (espeak-ng + sox):
/// synth → teacher → hard-distilled student → embed → score → score eer, as recipes/mini/sv_dist_token
/// runs them with --smoke. Checks exit codes, counts that add up, and that an unknown utterance in
/// the trial list is reported with its line.</summary>
public sealed class SvRecipeSmokeTests
{
    static string Conf(string name) => Path.Combine(RepositoryPaths.Root, "recipes", "mini", "sv_dist_token", "conf", name + ".json");

    static CliRun Ok(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, $"speech {string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
        return run;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Synth_train_distil_embed_and_score_run_end_to_end()
    {
        using var folder = new TempDirectory("sv-smoke");
        string data = folder.File("data"), teacher = folder.File("teacher"), student = folder.File("student");
        var synth = Ok("sv", "synth", "--out", data, "--speakers", "6", "--eval-speakers", "3", "--phrases", "2", "--repetitions", "2");
        Assert.Contains("12 train and 12 eval utterances", synth.Output);
        // 3 speakers × 2 phrases, one test repetition each: 6 targets; impostors 6 × 2 other speakers; wrong phrase 6 × 1.
        Assert.Contains("trials/all.txt: 6 target, 18 nontarget", synth.Output);

        string[] quick = ["--steps", "2", "--batch-size", "4", "--warmup", "1", "--threads", "2"];
        Ok(["sv", "train", "--train", data + "/train.jsonl", "--arch", Conf("teacher"), "--out", teacher, .. quick]);
        var trained = Ok(["sv", "train", "--train", data + "/train.jsonl", "--arch", Conf("student_cls_dist"), "--out", student,
            "--teacher", teacher + "/model", "--distillation", "hard", .. quick]);
        Assert.Contains("ce_dist", trained.Output);
        Assert.Contains("already trained", Ok(["sv", "train", "--train", data + "/train.jsonl", "--arch", Conf("student_cls_dist"), "--out", student,
            "--teacher", teacher + "/model", "--distillation", "hard", .. quick]).Output);

        var embed = Ok("sv", "embed", "--model", student + "/model", "--manifest", data + "/eval.jsonl", "--out", student + "/eval.emb", "--embedding", "mean");
        Assert.Contains("12 embeddings of width 64", embed.Output);

        string trials = folder.File("trials.txt");
        File.WriteAllText(trials, File.ReadAllText(data + "/trials/all.txt") + "spk004-p00-r0 nobody-p00-r1 nontarget\n");
        var scored = Ok("sv", "score", "--embeddings", student + "/eval.emb", "--trials", trials, "--out", student + "/all.score");
        Assert.Contains("25 read, 24 scored, 1 skipped", scored.Output);
        Assert.Contains($"{trials}:25: utterance 'nobody-p00-r1' has no embedding", scored.Error);

        var eer = Ok("score", "eer", "--scores", student + "/all.score", "--det", folder.File("det.png"));
        Assert.Contains("24 read, 24 scored, 0 skipped", eer.Output);
        Assert.Contains("6 target, 18 nontarget trials", eer.Output);
        Assert.True(File.Exists(folder.File("det.png")));
    }

    [Fact]
    public void Score_eer_reports_bad_lines_and_rejects_a_bad_prior()
    {
        using var folder = new TempDirectory("sv-eer");
        string scores = folder.File("s.score");
        File.WriteAllText(scores, "a b 0.9 target\nc d 0.1 nontarget\ne f oops target\n");
        var run = CliRun.Of("score", "eer", "--scores", scores);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 read, 2 scored, 1 skipped", run.Output);
        Assert.Contains("EER = 0.000 %", run.Output);
        Assert.Contains($"{scores}:3: expected", run.Error);
        Assert.Equal(1, CliRun.Of("score", "eer", "--scores", scores, "--p-target", "2").ExitCode);
    }
}
