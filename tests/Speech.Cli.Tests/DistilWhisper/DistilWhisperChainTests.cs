using System.Text.Json.Nodes;
using Speech.Testing;

namespace Speech.Cli.Tests.DistilWhisper;

public sealed class DistilWhisperChainTests
{
    static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.Error + run.Output);

    /// <summary>Perfect labels (the references), 50 % of them swapped: the 10 % filter drops exactly
    /// the swapped ones and says so.</summary>
    [Fact]
    public void Corrupted_labels_are_counted_and_caught_by_the_filter()
    {
        using var temp = new TempDirectory();
        Ok(CliRun.Of("data", "import", "librispeech", Path.Combine(MiniCorpus.Root, "dev"), "--out", temp.File("dev.jsonl")));
        var labelled = Speech.Core.Data.Manifest.Read(temp.File("dev.jsonl"))
            .Select(c => c.WithExtra("pseudo_label", System.Text.Json.JsonSerializer.SerializeToElement(c.Text!.ToLowerInvariant()))).ToList();
        Speech.Core.Data.Manifest.Write(temp.File("labelled.jsonl"), labelled);
        var corrupt = CliRun.Of("distil-whisper", "corrupt", "--manifest", temp.File("labelled.jsonl"), "--out", temp.File("corrupted.jsonl"), "--fraction", "0.5");
        Ok(corrupt);
        Assert.Contains("6 of 12 labels corrupted", corrupt.Output);
        var filter = CliRun.Of("distil-whisper", "filter", "--manifest", temp.File("corrupted.jsonl"), "--out", temp.File("kept.jsonl"));
        Ok(filter);
        Assert.Contains("12 cuts: 6 kept, 6 dropped", filter.Output);
        Assert.Contains("corrupted on purpose: 6, of which 6 dropped; clean labels dropped: 0", filter.Output);
    }

    /// <summary>The whole chain on the dev split with a tiny teacher: label in two shards, merge,
    /// filter, init a 1-layer student, distil, and decode speculatively.</summary>
    [Fact]
    public void Pseudo_label_merge_filter_init_train_and_speculate()
    {
        using var temp = new TempDirectory();
        var config = new JsonObject
        {
            ["vocab_size"] = 51864, ["num_mel_bins"] = 80, ["d_model"] = 64, ["encoder_layers"] = 1, ["decoder_layers"] = 3,
            ["encoder_attention_heads"] = 2, ["decoder_attention_heads"] = 2, ["encoder_ffn_dim"] = 256, ["decoder_ffn_dim"] = 256,
            ["max_source_positions"] = 150, ["max_target_positions"] = 24,
        };
        File.WriteAllText(temp.File("tiny.json"), config.ToJsonString());
        Ok(CliRun.Of("data", "import", "librispeech", Path.Combine(MiniCorpus.Root, "dev"), "--out", temp.File("dev.jsonl")));
        Ok(CliRun.Of("whisper", "train", "--manifest", temp.File("dev.jsonl"), "--out", temp.File("teacher"), "--size", temp.File("tiny.json"),
            "--steps", "3", "--warmup", "1", "--max-duration", "8", "--lr", "0.01"));

        foreach (string shard in new[] { "0/2", "1/2" })
            Ok(CliRun.Of("distil-whisper", "pseudo-label", "--teacher", temp.File("teacher/model"), "--manifest", temp.File("dev.jsonl"),
                "--out", temp.File("labels"), "--shard", shard, "--batch-size", "4"));
        var rerun = CliRun.Of("distil-whisper", "pseudo-label", "--teacher", temp.File("teacher/model"), "--manifest", temp.File("dev.jsonl"),
            "--out", temp.File("labels"), "--shard", "1/2");
        Assert.Contains("already complete", rerun.Output);
        Ok(CliRun.Of("distil-whisper", "merge", "--manifest", temp.File("dev.jsonl"), "--labels", temp.File("labels"), "--out", temp.File("labelled.jsonl")));

        // An untrained teacher's labels are far off: a 10 % filter keeps none, a 1000 % one keeps all.
        var strict = CliRun.Of("distil-whisper", "filter", "--manifest", temp.File("labelled.jsonl"), "--out", temp.File("strict.jsonl"));
        Ok(strict);
        Assert.Contains("12 cuts: 0 kept, 12 dropped", strict.Output);
        Assert.True(File.Exists(temp.File("wer_histogram.png")));
        Assert.Equal(13, File.ReadAllLines(temp.File("filter_report.tsv")).Length);
        Ok(CliRun.Of("distil-whisper", "filter", "--manifest", temp.File("labelled.jsonl"), "--out", temp.File("kept.jsonl"), "--wer-threshold", "1000"));
        // An untrained teacher says the same for every cut: other cuts' references are the wrong labels.
        var corrupt = CliRun.Of("distil-whisper", "corrupt", "--manifest", temp.File("labelled.jsonl"), "--out", temp.File("corrupted.jsonl"));
        Ok(corrupt);
        Assert.Contains("2 of 12 labels corrupted", corrupt.Output);

        // A CTC head beside the teacher (as a hybrid run leaves one) goes with its encoder: to a student
        // that keeps the encoder, and on to the trained student while the encoder stays frozen.
        var vocabulary = new Speech.Asr.Ctc.CtcVocabulary(Speech.Core.Text.CharacterTokenizer.Train(new[] { "ABC DEF" }));
        Speech.Asr.Whisper.WhisperCtcHead.Save(temp.File("teacher/model"), TorchSharp.torch.randn(vocabulary.Size, 64), TorchSharp.torch.randn(vocabulary.Size), vocabulary);
        var init = CliRun.Of("distil-whisper", "init-student", "--teacher", temp.File("teacher/model"), "--decoder-layers", "2", "--out", temp.File("student"));
        Ok(init);
        Assert.Contains("[0, 2] of 3", init.Output);
        Assert.Equal(File.ReadAllBytes(temp.File("teacher/model/ctc_head.safetensors")), File.ReadAllBytes(temp.File("student/ctc_head.safetensors")));
        Ok(CliRun.Of("distil-whisper", "train", "--student", temp.File("student"), "--teacher", temp.File("teacher/model"),
            "--manifest", temp.File("kept.jsonl"), "--out", temp.File("distil"), "--steps", "2", "--warmup", "1", "--max-duration", "8"));
        Assert.True(File.Exists(temp.File("distil/model/ctc_head.safetensors")));
        Ok(CliRun.Of("whisper", "transcribe", "--model", temp.File("distil/model"), "--beam", "2", "--ctc-weight", "0.3",
            Directory.GetFiles(Path.Combine(MiniCorpus.Root, "dev"), "*.flac", SearchOption.AllDirectories).Order().First()));
        Ok(CliRun.Of("distil-whisper", "pseudo-label", "--teacher", temp.File("teacher/model"), "--manifest", temp.File("dev.jsonl"),
            "--out", temp.File("joint_labels"), "--beam", "2", "--ctc-weight", "0.3"));
        Assert.Equal(12, File.ReadAllLines(temp.File("joint_labels/labels.0-of-1.jsonl")).Length);
        var metrics = File.ReadAllLines(temp.File("distil/metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(metrics, m => { Assert.NotNull(m["ce_pl"]); Assert.NotNull(m["kl"]); });
        // bf16: student with float32 master weights, teacher in bf16; the losses stay finite.
        var distilBf16 = CliRun.Of("distil-whisper", "train", "--student", temp.File("student"), "--teacher", temp.File("teacher/model"),
            "--manifest", temp.File("kept.jsonl"), "--out", temp.File("distil_bf16"), "--steps", "2", "--warmup", "1", "--max-duration", "8", "--precision", "bf16");
        Ok(distilBf16);
        // Asked for where the CPU only emulates it, bf16 still runs, after a warning.
        Assert.Equal(!Speech.Core.Runtime.CpuFlags.NativeBf16, distilBf16.Error.Contains("warning: bf16 on a CPU without native bf16"));
        Assert.All(File.ReadAllLines(temp.File("distil_bf16/metrics.jsonl")).Select(l => JsonNode.Parse(l)!),
            m => Assert.True(double.IsFinite(m["kl"]!.GetValue<double>()) && double.IsFinite(m["ce_pl"]!.GetValue<double>())));

        var eval = CliRun.Of("distil-whisper", "eval", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--long-form");
        Ok(eval);
        Assert.Contains("dev-long\tteacher", eval.Output);
        Assert.Contains("distil/teacher: 33 % fewer decoder-layer parameters", eval.Output); // 2 of 3 identical blocks
        Assert.Contains("decoding ", eval.Output);
        Assert.Contains("\ttokens\twer_low_%\twer_high_%", eval.Output); // each WER's bootstrap interval
        Assert.Contains(" points, 95% interval [", eval.Output); // the student's paired difference to the teacher

        var speculative = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--draft", "3", "--repeat", "2");
        Ok(speculative);
        Assert.Contains("identical outputs 12/12", speculative.Output);
        Assert.Contains("(fastest of 2 per cut)", speculative.Output);
        Assert.Contains("the student ranks the teacher's token first on ", speculative.Output);
        var noRuns = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--repeat", "0");
        Assert.Equal(1, noRuns.ExitCode);
        Assert.Contains("--repeat 0", noRuns.Error);
        var bf16 = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--precision", "bf16", "--repeat", "1");
        Ok(bf16);
        Assert.Contains("identical outputs 12/12", bf16.Output);
        var auto = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--precision", "auto", "--repeat", "1");
        Ok(auto);
        Assert.Contains("identical outputs 12/12", auto.Output);
        Assert.DoesNotContain("warning", auto.Error); // auto never picks an emulated bf16
        Assert.Contains(Speech.Core.Runtime.CpuFlags.NativeBf16 ? "precision: auto -> bf16" : "precision: auto -> fp32", auto.Error);
        var fp16 = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--precision", "fp16");
        Assert.NotEqual(0, fp16.ExitCode);
        Assert.Contains("fp16", fp16.Error);
        var bf16Drafts = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--draft-precision", "bf16", "--draft", "8", "--draft-confidence", "0.7", "--repeat", "1");
        Ok(bf16Drafts);
        Assert.Contains("identical outputs 12/12", bf16Drafts.Output); // the fp32 teacher's output
        Assert.Contains("student drafted ", bf16Drafts.Output);
        var sureOfEverything = CliRun.Of("distil-whisper", "speculative", "--teacher", temp.File("teacher/model"), "--student", temp.File("distil/model"),
            "--manifest", temp.File("dev.jsonl"), "--draft-confidence", "1");
        Assert.Equal(1, sureOfEverything.ExitCode);
        Assert.Contains("--draft-confidence", sureOfEverything.Error);
    }
}
