using Speech.Asr.Whisper.Engines;
using System.Text.Json.Nodes;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Core.Errors;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperGenerationConfigTests
{
    [Fact]
    public void A_saved_folder_has_a_generation_config_that_leaves_our_decoding_as_it_was()
    {
        using var temp = new TempDirectory();
        manual_seed(3);
        using var model = new WhisperModel(WhisperModelTests.TinyEnglish);
        WhisperCheckpoint.Save(model, temp.Path);
        var json = JsonNode.Parse(File.ReadAllText(temp.File("generation_config.json")))!;
        Assert.Equal(50257, json["decoder_start_token_id"]!.GetValue<int>());
        Assert.Equal(50362, json["no_timestamps_token_id"]!.GetValue<int>());
        Assert.Equal(32, json["max_length"]!.GetValue<int>());
        Assert.Equal(new long[] { 220, 50256 }, json["begin_suppress_tokens"]!.AsArray().Select(x => x!.GetValue<long>()));

        using var loaded = WhisperCheckpoint.Load(temp.Path);
        Assert.NotNull(loaded.Generation);
        var tokenizer = WhisperTokenizer.English();
        var plain = TorchWhisperEngine.DefaultOptions(tokenizer, 51864, maxNewTokens: 30);
        var withConfig = TorchWhisperEngine.DefaultOptions(tokenizer, 51864, maxNewTokens: 30, generation: loaded.Generation);
        Assert.Equal(plain.SuppressTokens, withConfig.SuppressTokens);
        Assert.Equal(plain.SuppressAtBegin, withConfig.SuppressAtBegin);
        Assert.Equal(plain.MaxNewTokens, withConfig.MaxNewTokens); // 30 = max_length 32 − the 2-token prompt
    }

    [Fact]
    public void A_folders_suppress_lists_and_length_limit_are_honoured()
    {
        var tokenizer = WhisperTokenizer.English();
        var generation = new WhisperGenerationConfig(SuppressTokens: new long[] { 1, 2, 7 }, BeginSuppressTokens: new long[] { 220 }, MaxLength: 12);
        var options = TorchWhisperEngine.DefaultOptions(tokenizer, 51864, generation: generation);
        Assert.Equal(new long[] { 1, 2, 7 }, options.SuppressTokens!.Take(3));
        Assert.Contains(50257L, options.SuppressTokens!); // the special tokens stay suppressed
        Assert.Equal(new long[] { 220 }, options.SuppressAtBegin);
        Assert.Equal(10, options.MaxNewTokens);
    }

    [Fact]
    public void A_malformed_generation_config_names_its_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("generation_config.json"), "{\"suppress_tokens\": 5}");
        Assert.Contains("generation_config.json: suppress_tokens is not a list", Assert.Throws<CheckpointException>(() => WhisperGenerationConfig.Load(temp.Path)).Message);
        File.WriteAllText(temp.File("generation_config.json"), "{\"max_length\": ");
        Assert.Contains("not a readable generation config", Assert.Throws<CheckpointException>(() => WhisperGenerationConfig.Load(temp.Path)).Message);
    }
}
