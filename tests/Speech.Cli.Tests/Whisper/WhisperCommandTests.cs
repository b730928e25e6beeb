using System.Text.Json.Nodes;
using Speech.Testing;

namespace Speech.Cli.Tests.Whisper;

public sealed class WhisperCommandTests
{
    /// <summary>Train two steps → export ggml → transcribe with both engines → resume a manifest job.</summary>
    [Fact]
    public void Train_export_and_transcribe_on_the_mini_corpus()
    {
        using var temp = new TempDirectory();
        string dev = TinyModelAndDevManifest(temp);

        string[] trainArgs = { "whisper", "train", "--manifest", temp.File("dev.jsonl"), "--out", temp.File("run"), "--size", temp.File("tiny.json"),
            "--steps", "2", "--warmup", "1", "--max-duration", "8", "--checkpoint-every", "1", "--dropout", "0.1" };
        var train = CliRun.Of(trainArgs);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(temp.File("run/model/model.safetensors")));
        Assert.Equal(0.1, JsonNode.Parse(File.ReadAllText(temp.File("run/model/config.json")))!["dropout"]!.GetValue<double>());
        var badDropout = CliRun.Of(trainArgs.Select(a => a == "0.1" ? "1.5" : a == temp.File("run") ? temp.File("bad_run") : a).ToArray());
        Assert.Equal(1, badDropout.ExitCode);
        Assert.Contains("dropout 1.5 is not a probability", badDropout.Error);
        var again = CliRun.Of(trainArgs);
        Assert.Contains("nothing to do", again.Output);
        var changed = CliRun.Of(trainArgs.Concat(new[] { "--lr", "0.5" }).ToArray());
        Assert.Equal(1, changed.ExitCode); // other options cannot resume this run
        Assert.Contains("other options", changed.Error);

        // The average of the two checkpoints is their mean, tensor by tensor.
        string[] steps = { temp.File("run/checkpoints/step-00000001"), temp.File("run/checkpoints/step-00000002") };
        var average = CliRun.Of(new[] { "whisper", "average" }.Concat(steps).Concat(new[] { "--out", temp.File("avg") }).ToArray());
        Assert.True(average.ExitCode == 0, average.Error);
        var files = steps.Select(s => Speech.Core.IO.SafetensorsFile.Open(Path.Combine(s, "model.safetensors"))).ToList();
        var averaged = Speech.Core.IO.SafetensorsFile.Open(temp.File("avg/model.safetensors"));
        foreach (string name in new[] { "model.encoder.conv1.weight", "model.decoder.layers.0.fc1.weight" })
        {
            var expected = files[0].Load(name).to(TorchSharp.torch.ScalarType.Float64).add(files[1].Load(name).to(TorchSharp.torch.ScalarType.Float64), Speech.Core.Nn.Scalars.One)
                .div(Speech.Core.Nn.Scalars.Two);
            Assert.True(averaged.Load(name).to(TorchSharp.torch.ScalarType.Float64).allclose(expected, 1e-6, 1e-7), name);
        }
        Assert.Equal(1, CliRun.Of("whisper", "average", temp.File("run/model"), "--out", temp.File("bad")).ExitCode); // a model folder is no checkpoint

        var export = CliRun.Of("whisper", "export", "--model", temp.File("run/model"), "--format", "ggml", "--out", temp.File("model.bin"));
        Assert.True(export.ExitCode == 0, export.Error);

        string wav = Directory.GetFiles(dev, "*.flac", SearchOption.AllDirectories).Order().First();
        foreach (string model in new[] { temp.File("run/model"), temp.File("model.bin") })
        {
            var run = CliRun.Of("whisper", "transcribe", "--model", model, wav);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.StartsWith(wav + "\t", run.Output);
        }

        // A manifest job killed after some lines (one torn) resumes and ends with every cut once.
        var first = CliRun.Of("whisper", "transcribe", "--model", temp.File("run/model"), "--manifest", temp.File("dev.jsonl"), "--out", temp.File("hyps.jsonl"));
        Assert.True(first.ExitCode == 0, first.Error);
        var lines = File.ReadAllLines(temp.File("hyps.jsonl"));
        Assert.Equal(12, lines.Length);
        File.WriteAllLines(temp.File("hyps.jsonl"), lines.Take(5).Append(lines[5][..20]));
        var resumed = CliRun.Of("whisper", "transcribe", "--model", temp.File("run/model"), "--manifest", temp.File("dev.jsonl"), "--out", temp.File("hyps.jsonl"));
        Assert.Contains("5 already done, 7 transcribed", resumed.Output);
        var ids = File.ReadAllLines(temp.File("hyps.jsonl")).Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(12, ids.Distinct().Count());
        Assert.Equal(12, ids.Count);
    }

    /// <summary>A hybrid run keeps its CTC head beside the model, `whisper average` averages it, and
    /// `transcribe --ctc-weight` decodes with it; without a head, or with the other engine, it is a
    /// clear error.</summary>
    [Fact]
    public void A_hybrid_run_keeps_its_ctc_head_for_joint_decoding()
    {
        using var temp = new TempDirectory();
        string dev = TinyModelAndDevManifest(temp);
        var train = CliRun.Of("whisper", "train", "--manifest", temp.File("dev.jsonl"), "--out", temp.File("run"), "--size", temp.File("tiny.json"),
            "--steps", "2", "--warmup", "1", "--max-duration", "8", "--checkpoint-every", "1", "--ctc-weight", "0.3");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(temp.File("run/model/ctc_head.safetensors")));
        Assert.True(File.Exists(temp.File("run/model/ctc_vocab.json")));

        string[] steps = { temp.File("run/checkpoints/step-00000001"), temp.File("run/checkpoints/step-00000002") };
        var average = CliRun.Of(new[] { "whisper", "average" }.Concat(steps).Concat(new[] { "--out", temp.File("avg") }).ToArray());
        Assert.True(average.ExitCode == 0, average.Error);
        Assert.Contains("CTC head kept", average.Output);
        var files = steps.Select(s => Speech.Core.IO.SafetensorsFile.Open(Path.Combine(s, "model.safetensors"))).ToList();
        var expected = files[0].Load("ctc_head.weight").add(files[1].Load("ctc_head.weight"), Speech.Core.Nn.Scalars.One).div(Speech.Core.Nn.Scalars.Two);
        Assert.True(Speech.Core.IO.SafetensorsFile.Open(temp.File("avg/ctc_head.safetensors")).Load("ctc_head.weight").allclose(expected, 1e-6, 1e-7));

        string wav = Directory.GetFiles(dev, "*.flac", SearchOption.AllDirectories).Order().First();
        var joint = CliRun.Of("whisper", "transcribe", "--model", temp.File("avg"), "--beam", "2", "--ctc-weight", "0.5", wav);
        Assert.True(joint.ExitCode == 0, joint.Error);
        Assert.StartsWith(wav + "\t", joint.Output);

        // A model with no head, a weight outside [0, 1], the whisper.net engine: clear errors.
        Directory.CreateDirectory(temp.File("plain"));
        foreach (string name in new[] { "config.json", "model.safetensors", "generation_config.json" })
            File.Copy(temp.File("avg/" + name), temp.File("plain/" + name));
        var noHead = CliRun.Of("whisper", "transcribe", "--model", temp.File("plain"), "--ctc-weight", "0.5", wav);
        Assert.Equal(1, noHead.ExitCode);
        Assert.Contains("ctc_head.safetensors", noHead.Error);
        Assert.Contains(temp.File("plain"), noHead.Error);
        var borrowed = CliRun.Of("whisper", "transcribe", "--model", temp.File("plain"), "--ctc-head", temp.File("avg"), "--beam", "2", "--ctc-weight", "0.5", wav);
        Assert.True(borrowed.ExitCode == 0, borrowed.Error);
        Assert.Equal(joint.Output, borrowed.Output); // the same weights and head as the folder that has it
        var headAlone = CliRun.Of("whisper", "transcribe", "--model", temp.File("plain"), "--ctc-head", temp.File("avg"), wav);
        Assert.Equal(1, headAlone.ExitCode);
        Assert.Contains("give --ctc-weight too", headAlone.Error);
        var tooHeavy = CliRun.Of("whisper", "transcribe", "--model", temp.File("avg"), "--ctc-weight", "1.5", wav);
        Assert.Equal(1, tooHeavy.ExitCode);
        Assert.Contains("--ctc-weight 1.5", tooHeavy.Error);
        var otherEngine = CliRun.Of("whisper", "transcribe", "--model", temp.File("avg"), "--engine", "whisper.net", "--ctc-weight", "0.5", wav);
        Assert.Equal(1, otherEngine.ExitCode);
        Assert.Contains("torch engine", otherEngine.Error);
    }

    /// <summary>Writes <c>tiny.json</c> (a 1+1-layer Whisper with the English vocabulary) and
    /// <c>dev.jsonl</c> (the mini corpus' dev split) into the folder; returns the split's audio folder.</summary>
    internal static string TinyModelAndDevManifest(TempDirectory temp)
    {
        var config = new JsonObject
        {
            ["vocab_size"] = 51864, ["num_mel_bins"] = 80, ["d_model"] = 64, ["encoder_layers"] = 1, ["decoder_layers"] = 1,
            ["encoder_attention_heads"] = 2, ["decoder_attention_heads"] = 2, ["encoder_ffn_dim"] = 256, ["decoder_ffn_dim"] = 256,
            ["max_source_positions"] = 150, ["max_target_positions"] = 32,
        };
        File.WriteAllText(temp.File("tiny.json"), config.ToJsonString());
        string dev = Path.Combine(MiniCorpus.Root, "dev");
        Assert.Equal(0, CliRun.Of("data", "import", "librispeech", dev, "--out", temp.File("dev.jsonl")).ExitCode);
        return dev;
    }
}
