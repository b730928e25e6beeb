using System.Text.Json.Nodes;
using Speech.Asr.Whisper;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperCheckpointTests
{
    [Fact]
    public void A_saved_model_reloads_with_identical_logits()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 81);
        WhisperCheckpoint.Save(model, temp.Path);
        using var loaded = WhisperCheckpoint.Load(temp.Path);

        Assert.Equal(model.Config with { }, loaded.Config with { });
        using var guard = no_grad();
        var mel = randn(2, 16, 40);
        var tokens = tensor(new long[] { 61, 1, 2, 61, 3, 4 }, new long[] { 2, 3 });
        Assert.True(loaded.Forward(mel, tokens).equal(model.Forward(mel, tokens)).all().item<bool>());
        var config = JsonNode.Parse(File.ReadAllText(temp.File("config.json")))!;
        Assert.Equal("WhisperForConditionalGeneration", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal(32, config["d_model"]!.GetValue<int>());
    }

    [Fact]
    public void A_config_that_disagrees_with_the_tensors_names_the_tensor()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 82);
        WhisperCheckpoint.Save(model, temp.Path);
        var config = JsonNode.Parse(File.ReadAllText(temp.File("config.json")))!;
        config["encoder_ffn_dim"] = 96;
        File.WriteAllText(temp.File("config.json"), config.ToJsonString());

        var error = Assert.Throws<CheckpointException>(() => WhisperCheckpoint.Load(temp.Path));
        Assert.Contains("model.encoder.layers.0.fc1.weight", error.Message);
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void A_folder_missing_its_weights_is_named()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 83);
        WhisperCheckpoint.Save(model, temp.Path);
        File.Delete(temp.File("model.safetensors"));
        var error = Assert.Throws<CheckpointException>(() => WhisperCheckpoint.Load(temp.Path));
        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("model.safetensors", error.Message);
    }

    [Fact]
    public void Sharded_weights_load_through_the_index()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 84);
        WhisperCheckpoint.Save(model, temp.Path);
        File.Delete(temp.File("model.safetensors"));
        var state = model.state_dict();
        var encoder = state.Where(p => p.Key.StartsWith("model.encoder")).ToDictionary();
        var decoder = state.Where(p => !p.Key.StartsWith("model.encoder")).ToDictionary();
        SafetensorsFile.Write(temp.File("model-00001-of-00002.safetensors"), encoder);
        SafetensorsFile.Write(temp.File("model-00002-of-00002.safetensors"), decoder);
        var map = new JsonObject(encoder.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)"model-00001-of-00002.safetensors"))
            .Concat(decoder.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)"model-00002-of-00002.safetensors"))));
        File.WriteAllText(temp.File("model.safetensors.index.json"), new JsonObject { ["weight_map"] = map }.ToJsonString());

        using var loaded = WhisperCheckpoint.Load(temp.Path);
        using var guard = no_grad();
        var mel = randn(1, 16, 40);
        Assert.True(loaded.Encode(mel).equal(model.Encode(mel)).all().item<bool>());
    }
}
