using Speech.Asr.Whisper;
using Speech.Core.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperDropoutTests
{
    static readonly WhisperConfig Dropping = WhisperModelTests.Tiny with { Dropout = 0.5, AttentionDropout = 0.5, ActivationDropout = 0.5 };

    static Tensor Logits(WhisperModel model)
    {
        manual_seed(3);
        using var mel = randn(1, model.Config.NumMelBins, 40);
        using var tokens = tensor(new long[] { 61, 5, 9, 17 }).unsqueeze(0);
        using var guard = no_grad();
        return model.Forward(mel, tokens);
    }

    static WhisperModel CopyOf(WhisperModel source, WhisperConfig config)
    {
        var copy = new WhisperModel(config);
        using var guard = no_grad();
        foreach (var (name, tensor) in copy.state_dict()) tensor.copy_(source.state_dict()[name]);
        return copy;
    }

    [Fact]
    public void A_new_model_decodes_without_dropout_whatever_its_config_says()
    {
        manual_seed(1);
        using var plain = new WhisperModel(WhisperModelTests.Tiny);
        using var dropping = CopyOf(plain, Dropping);
        Assert.False(dropping.training);
        using Tensor expected = Logits(plain), actual = Logits(dropping);
        Assert.True(expected.allclose(actual, 0, 0));
    }

    [Fact]
    public void Training_mode_with_zero_rates_changes_nothing_and_with_rates_drops_reproducibly()
    {
        manual_seed(1);
        using var plain = new WhisperModel(WhisperModelTests.Tiny);
        using var evaluated = Logits(plain);
        plain.train();
        using (var zeroRates = Logits(plain)) Assert.True(evaluated.allclose(zeroRates, 0, 0));

        foreach (var (residual, attention, activation) in new[] { (0.5, 0.0, 0.0), (0.0, 0.5, 0.0), (0.0, 0.0, 0.5) })
        {
            plain.SetDropout(residual, attention, activation);
            using Tensor first = Logits(plain), second = Logits(plain); // the same seed: the same masks
            Assert.True(first.allclose(second, 0, 0));
            Assert.False(first.allclose(evaluated, 1e-3, 1e-3), $"dropout ({residual}, {attention}, {activation}) had no effect");
        }
        plain.eval();
        using (var back = Logits(plain)) Assert.True(evaluated.allclose(back, 0, 0));
    }

    [Fact]
    public void Rates_keep_hugging_faces_keys_and_must_be_probabilities()
    {
        string json = "{\"vocab_size\": 64, \"num_mel_bins\": 16, \"d_model\": 32, \"encoder_attention_heads\": 4, \"decoder_attention_heads\": 4, " +
                      "\"dropout\": 0.1, \"attention_dropout\": 0.05, \"activation_dropout\": 0.2}";
        using var temp = new Speech.Testing.TempDirectory();
        File.WriteAllText(temp.File("config.json"), json);
        var config = WhisperConfig.Load(temp.File("config.json"));
        Assert.Equal((0.1, 0.05, 0.2), (config.Dropout, config.AttentionDropout, config.ActivationDropout));
        Assert.Contains("\"attention_dropout\": 0.05", config.ToJson());

        File.WriteAllText(temp.File("bad.json"), json.Replace("\"dropout\": 0.1", "\"dropout\": 1.0"));
        var error = Assert.Throws<ConfigException>(() => WhisperConfig.Load(temp.File("bad.json")));
        Assert.Contains("bad.json", error.Message);
        Assert.Contains("dropout 1", error.Message);
    }
}
