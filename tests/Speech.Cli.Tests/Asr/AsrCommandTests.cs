using System.Text.Json.Nodes;
using Speech.Testing;

namespace Speech.Cli.Tests.Asr;

public sealed class AsrCommandTests
{
    static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.Error + run.Output);

    static string DevManifest(TempDirectory temp)
    {
        Ok(CliRun.Of("data", "import", "librispeech", Path.Combine(MiniCorpus.Root, "dev"), "--out", temp.File("dev.jsonl")));
        return temp.File("dev.jsonl");
    }

    /// <summary>Every shipped CTC recipe config parses and trains two steps to a finite loss (the
    /// caption_kd configs train in CaptionKdChainTests, the bert_ctc ones in BertCtcChainTests, the mvq_kd ones in MvqKdChainTests).</summary>
    public static IEnumerable<object[]> RecipeConfigs() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "recipes"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "conf" && File.ReadAllText(f).Contains("training:")
                        && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f))) is not ("caption_kd" or "bert_ctc" or "mvq_kd"))
            .Select(f => new object[] { Path.GetRelativePath(RepositoryPaths.Root, f) });

    [Theory]
    [MemberData(nameof(RecipeConfigs))]
    public void A_recipe_config_trains_two_steps_to_a_finite_loss(string config)
    {
        using var temp = new TempDirectory();
        string manifest = DevManifest(temp);
        Ok(CliRun.Of("asr", "train", "--config", Path.Combine(RepositoryPaths.Root, config), "--manifest", manifest, "--out", temp.File("run"),
            "--set", "training.steps=2", "--set", "training.max_duration=8", "--set", "model.layers=1"));
        var metrics = File.ReadAllLines(temp.File("run/metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(metrics, m => Assert.True(double.IsFinite(m["ctc"]!.GetValue<double>())));
        Assert.Contains("steps: 2", File.ReadAllText(temp.File("run/config.resolved.yaml")));
    }

    [Fact]
    public void Train_resume_decode_and_score_on_the_dev_split()
    {
        using var temp = new TempDirectory();
        string manifest = DevManifest(temp);
        string config = Path.Combine(RepositoryPaths.Root, "recipes/mini/ctc/conf/ctc.yaml");
        string[] train = { "asr", "train", "--config", config, "--manifest", manifest, "--out", temp.File("run"),
            "--set", "training.steps=3", "--set", "training.max_duration=8", "--set", "model.layers=1", "--set", "model.d_model=64" };
        Ok(CliRun.Of(train));
        var again = CliRun.Of(train);
        Ok(again);
        Assert.Contains("already trained to step 3", again.Output);

        var decode = CliRun.Of("asr", "decode", "--model", temp.File("run/model"), "--manifest", manifest, "--out", temp.File("hyps.jsonl"));
        Ok(decode);
        Assert.Contains("12 cuts: 0 already done, 12 transcribed", decode.Output);
        var score = CliRun.Of("asr", "score", "--ref", manifest, "--hyp", temp.File("hyps.jsonl"));
        Ok(score);
        Assert.Contains("over 12 utterances", score.Output);
    }

    [Fact]
    public void A_misspelt_key_names_its_line_and_the_valid_keys()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("bad.yaml"), new[] { "model:", "  d_model: 64", "training:", "  stepz: 3" });
        var run = CliRun.Of("asr", "train", "--config", temp.File("bad.yaml"), "--manifest", DevManifest(temp), "--out", temp.File("run"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.yaml:4: unknown key 'stepz' in section 'training'; valid: checkpoint_every, keep_last, lr, max_duration", run.Error);
        Assert.False(Directory.Exists(temp.File("run/checkpoints")));
    }
}
