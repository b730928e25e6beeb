using System.Text.Json.Nodes;
using Speech.Asr.Whisper;
using Speech.Core.IO;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Cli.Tests.Whisper;

/// <summary><c>whisper export --format hf --dtype bf16</c>: the storage of the checkpoints in models/.</summary>
public sealed class WhisperExportDtypeTests
{
    [Fact]
    public void A_bf16_export_stores_bf16_and_loads_back_as_the_rounded_float32_weights_with_its_ctc_head()
    {
        using var temp = new TempDirectory();
        WhisperCommandTests.TinyModelAndDevManifest(temp);
        var train = CliRun.Of("whisper", "train", "--manifest", temp.File("dev.jsonl"), "--out", temp.File("run"), "--size", temp.File("tiny.json"),
            "--steps", "2", "--warmup", "1", "--max-duration", "8", "--checkpoint-every", "0", "--ctc-weight", "0.3");
        Assert.True(train.ExitCode == 0, train.Error);

        var export = CliRun.Of("whisper", "export", "--model", temp.File("run/model"), "--format", "hf", "--dtype", "bf16", "--out", temp.File("bf16"));
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal("bfloat16", JsonNode.Parse(File.ReadAllText(temp.File("bf16/config.json")))!["torch_dtype"]!.GetValue<string>());
        Assert.All(SafetensorsFile.Open(temp.File("bf16/model.safetensors")).Entries.Values, e => Assert.Equal("BF16", e.DType));
        Assert.All(SafetensorsFile.Open(temp.File("bf16/ctc_head.safetensors")).Entries.Values, e => Assert.Equal("BF16", e.DType));
        Assert.True(File.Exists(temp.File("bf16/ctc_vocab.json")));
        Assert.True(File.Exists(temp.File("bf16/vocab.json")));
        // Half the bytes of the float32 folder's weights (the header aside).
        long fp32Bytes = new FileInfo(temp.File("run/model/model.safetensors")).Length, bf16Bytes = new FileInfo(temp.File("bf16/model.safetensors")).Length;
        Assert.InRange(bf16Bytes, fp32Bytes * 0.45, fp32Bytes * 0.55);

        // Loading upcasts: every parameter equals the float32 original rounded to bf16 and back.
        using var original = WhisperCheckpoint.Load(temp.File("run/model"));
        using var shipped = WhisperCheckpoint.Load(temp.File("bf16"));
        var expected = original.state_dict();
        foreach (var (name, value) in shipped.state_dict())
        {
            Assert.Equal(ScalarType.Float32, value.dtype);
            using var rounded = expected[name].to(ScalarType.BFloat16).to(ScalarType.Float32);
            Assert.True(value.allclose(rounded, 0, 0), name);
        }
        using var head = WhisperCtcHead.Load(temp.File("bf16"), shipped.Config);
        Assert.Equal(WhisperCtcHead.Load(temp.File("run/model"), original.Config).Vocabulary.Size, head.Vocabulary.Size);

        var ggml = CliRun.Of("whisper", "export", "--model", temp.File("bf16"), "--format", "ggml", "--dtype", "bf16", "--out", temp.File("m.bin"));
        Assert.Equal(1, ggml.ExitCode);
        Assert.Contains("--dtype applies to --format hf", ggml.Error);
    }
}
