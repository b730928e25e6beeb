using Speech.Asr.Whisper;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperModelTests
{
    internal static readonly WhisperConfig Tiny = new()
    {
        VocabSize = 64, NumMelBins = 16, DModel = 32, EncoderLayers = 2, EncoderAttentionHeads = 4, EncoderFfnDim = 64,
        DecoderLayers = 2, DecoderAttentionHeads = 4, DecoderFfnDim = 64, MaxSourcePositions = 50, MaxTargetPositions = 24,
        PadTokenId = 60, BosTokenId = 61, EosTokenId = 60, DecoderStartTokenId = 61,
    };

    /// <summary>Whisper's English vocabulary and 80 mel bins with tiny widths and a 3 s window:
    /// small enough for tests, real enough for the tokenizer, ggml export and whisper.cpp.</summary>
    internal static readonly WhisperConfig TinyEnglish = new()
    {
        VocabSize = 51864, NumMelBins = 80, DModel = 64, EncoderLayers = 1, EncoderAttentionHeads = 2, EncoderFfnDim = 256,
        DecoderLayers = 1, DecoderAttentionHeads = 2, DecoderFfnDim = 256, MaxSourcePositions = 150, MaxTargetPositions = 32,
    };

    /// <summary>A random model whose greedy output varies from step to step. With default
    /// initialisation the tied embedding makes an untrained decoder echo its last input token;
    /// shrinking the token embeddings lets positions and audio decide instead.</summary>
    internal static WhisperModel Varied(WhisperConfig config, int seed)
    {
        manual_seed(seed);
        var model = new WhisperModel(config);
        using var shrink = 0.05.ToScalar();
        using (no_grad()) model.state_dict()["model.decoder.embed_tokens.weight"].mul_(shrink);
        return model;
    }

    [Fact]
    public void Parameter_names_are_hugging_faces()
    {
        // Names from transformers' modeling_whisper.py (WhisperForConditionalGeneration) for one
        // encoder and one decoder layer; proj_out is tied to embed_tokens and not a parameter.
        var expected = new List<string>
        {
            "model.encoder.conv1.weight", "model.encoder.conv1.bias", "model.encoder.conv2.weight", "model.encoder.conv2.bias",
            "model.encoder.embed_positions.weight", "model.encoder.layer_norm.weight", "model.encoder.layer_norm.bias",
            "model.decoder.embed_tokens.weight", "model.decoder.embed_positions.weight",
            "model.decoder.layer_norm.weight", "model.decoder.layer_norm.bias",
        };
        foreach (string attention in new[] { "model.encoder.layers.0.self_attn", "model.decoder.layers.0.self_attn", "model.decoder.layers.0.encoder_attn" })
            expected.AddRange(new[] { "q_proj.weight", "q_proj.bias", "k_proj.weight", "v_proj.weight", "v_proj.bias", "out_proj.weight", "out_proj.bias" }
                .Select(p => $"{attention}.{p}"));
        foreach (string layer in new[] { "model.encoder.layers.0", "model.decoder.layers.0" })
            expected.AddRange(new[] { "self_attn_layer_norm", "fc1", "fc2", "final_layer_norm" }
                .SelectMany(m => new[] { $"{layer}.{m}.weight", $"{layer}.{m}.bias" }));
        expected.AddRange(new[] { "weight", "bias" }.Select(p => $"model.decoder.layers.0.encoder_attn_layer_norm.{p}"));

        using var model = new WhisperModel(Tiny with { EncoderLayers = 1, DecoderLayers = 1 });
        Assert.Equal(expected.Order(), model.state_dict().Keys.Order());
    }

    [Fact]
    public void Shapes_follow_the_stride_two_encoder()
    {
        using var scope = NewDisposeScope();
        using var model = new WhisperModel(Tiny);
        using (no_grad())
        {
            var states = model.Encode(randn(2, 16, 100));
            Assert.Equal(new long[] { 2, 50, 32 }, states.shape);
            var logits = model.Forward(randn(2, 16, 100), tensor(new long[] { 61, 5, 6, 61, 7, 8 }, new long[] { 2, 3 }));
            Assert.Equal(new long[] { 2, 3, 64 }, logits.shape);
        }
    }

    [Fact]
    public void Cached_decoding_step_by_step_equals_teacher_forcing()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var model = new WhisperModel(Tiny);
        var tokens = tensor(new long[] { 61, 3, 9, 12, 4, 61, 8, 8, 1, 2 }, new long[] { 2, 5 });
        using (no_grad())
        {
            var mel = randn(2, 16, 60);
            var full = model.Forward(mel, tokens);
            var encoded = model.Encode(mel);
            using var state = model.NewDecoderState();
            var prefix = model.Decoder.Forward(tokens.narrow(1, 0, 2), encoded, state);
            var steps = new List<Tensor> { prefix };
            for (int t = 2; t < 5; t++) steps.Add(model.Decoder.Forward(tokens.narrow(1, t, 1), encoded, state));
            Assert.Equal(5, state.Length);
            Assert.True(cat(steps.ToArray(), 1).allclose(full, rtol: 1e-4, atol: 1e-4));

            state.Crop(2);
            var again = model.Decoder.Forward(tokens.narrow(1, 2, 3), encoded, state);
            Assert.True(again.allclose(full.narrow(1, 2, 3), rtol: 1e-4, atol: 1e-4));
        }
    }

    [Fact]
    public void Too_long_inputs_are_refused_with_the_limit_named()
    {
        using var scope = NewDisposeScope();
        using var model = new WhisperModel(Tiny);
        var error = Assert.Throws<ArgumentException>(() => model.Encode(randn(1, 16, 102)));
        Assert.Contains("max_source_positions 50", error.Message);
    }
}
