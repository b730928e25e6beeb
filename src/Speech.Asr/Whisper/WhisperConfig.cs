using System.Text.Json;
using System.Text.Json.Serialization;
using Speech.Core.Errors;

namespace Speech.Asr.Whisper;

/// <summary>A Whisper architecture, with the keys and meanings of Hugging Face's
/// <c>WhisperConfig</c> (<c>config.json</c>), so HF model folders load as they are.</summary>
public sealed record WhisperConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 51864;
    [JsonPropertyName("num_mel_bins")] public int NumMelBins { get; init; } = 80;
    [JsonPropertyName("d_model")] public int DModel { get; init; } = 384;
    [JsonPropertyName("encoder_layers")] public int EncoderLayers { get; init; } = 4;
    [JsonPropertyName("encoder_attention_heads")] public int EncoderAttentionHeads { get; init; } = 6;
    [JsonPropertyName("encoder_ffn_dim")] public int EncoderFfnDim { get; init; } = 1536;
    [JsonPropertyName("decoder_layers")] public int DecoderLayers { get; init; } = 4;
    [JsonPropertyName("decoder_attention_heads")] public int DecoderAttentionHeads { get; init; } = 6;
    [JsonPropertyName("decoder_ffn_dim")] public int DecoderFfnDim { get; init; } = 1536;
    /// <summary>Encoder positions after the stride-2 convolution: 1500 = 30 s of 10 ms frames / 2.</summary>
    [JsonPropertyName("max_source_positions")] public int MaxSourcePositions { get; init; } = 1500;
    [JsonPropertyName("max_target_positions")] public int MaxTargetPositions { get; init; } = 448;
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; } = 50256;
    [JsonPropertyName("bos_token_id")] public int BosTokenId { get; init; } = 50257;
    [JsonPropertyName("eos_token_id")] public int EosTokenId { get; init; } = 50256;
    [JsonPropertyName("decoder_start_token_id")] public int DecoderStartTokenId { get; init; } = 50257;
    [JsonPropertyName("activation_function")] public string ActivationFunction { get; init; } = "gelu";
    [JsonPropertyName("scale_embedding")] public bool ScaleEmbedding { get; init; }
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "whisper";
    /// <summary>Training-time dropout on the embeddings and residual branches (HF's meaning; 0 = off).</summary>
    [JsonPropertyName("dropout")] public double Dropout { get; init; }
    /// <summary>Training-time dropout on attention probabilities.</summary>
    [JsonPropertyName("attention_dropout")] public double AttentionDropout { get; init; }
    /// <summary>Training-time dropout after the feed-forward activation.</summary>
    [JsonPropertyName("activation_dropout")] public double ActivationDropout { get; init; }
    /// <summary>For a distilled student: the teacher layer each encoder layer was copied from.</summary>
    [JsonPropertyName("distil_encoder_layer_map"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? EncoderLayerMap { get; init; }
    /// <summary>For a distilled student: the teacher layer each decoder layer was copied from.</summary>
    [JsonPropertyName("distil_decoder_layer_map"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? DecoderLayerMap { get; init; }

    /// <summary>Whisper tiny.en's sizes (39 M parameters).</summary>
    public static WhisperConfig TinyEnglish { get; } = new();

    /// <summary>Architectures by name: OpenAI's <c>tiny</c> and <c>base</c> (English vocabulary, 30 s
    /// window) and <c>mini</c>, a CPU-sized teacher for the mini corpus: a 4 s window (its utterances are
    /// shorter) and a decoder twice as deep as the encoder, because decoder depth is what distillation
    /// removes (distil-whisper keeps 2 of 32 decoder layers).</summary>
    public static IReadOnlyDictionary<string, WhisperConfig> Named { get; } = new Dictionary<string, WhisperConfig>
    {
        ["tiny"] = new(),
        ["base"] = new() { DModel = 512, EncoderLayers = 6, DecoderLayers = 6, EncoderAttentionHeads = 8, DecoderAttentionHeads = 8, EncoderFfnDim = 2048, DecoderFfnDim = 2048 },
        ["mini"] = new() { DModel = 256, EncoderLayers = 4, DecoderLayers = 8, EncoderAttentionHeads = 4, DecoderAttentionHeads = 4,
                           EncoderFfnDim = 1024, DecoderFfnDim = 1024, MaxSourcePositions = 200, MaxTargetPositions = 128 },
    };

    /// <summary>A named architecture or a config.json path.</summary>
    public static WhisperConfig Resolve(string nameOrPath) =>
        Named.TryGetValue(nameOrPath, out var config) ? config
        : File.Exists(nameOrPath) ? Load(nameOrPath)
        : throw new ConfigException($"--size {nameOrPath}: not a config.json and not one of {string.Join(", ", Named.Keys)}");

    static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static WhisperConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config.json not found");
        WhisperConfig? config;
        try { config = JsonSerializer.Deserialize<WhisperConfig>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new ConfigException($"{path}: not a valid Whisper config ({e.Message})"); }
        if (config is null) throw new ConfigException($"{path}: empty config");
        config.Validate(path);
        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Throws a <see cref="ConfigException"/> naming <paramref name="source"/> when sizes
    /// are inconsistent or features are unsupported.</summary>
    public void Validate(string source)
    {
        if (ModelType != "whisper") throw new ConfigException($"{source}: model_type is '{ModelType}', expected 'whisper'");
        if (ActivationFunction != "gelu") throw new ConfigException($"{source}: activation_function '{ActivationFunction}' is not supported (gelu)");
        if (ScaleEmbedding) throw new ConfigException($"{source}: scale_embedding=true is not supported");
        if (DModel % EncoderAttentionHeads != 0 || DModel % DecoderAttentionHeads != 0)
            throw new ConfigException($"{source}: d_model {DModel} is not divisible by the attention heads");
        if (EncoderLayers < 1 || DecoderLayers < 1) throw new ConfigException($"{source}: needs at least one encoder and one decoder layer");
        foreach (var (key, rate) in new[] { ("dropout", Dropout), ("attention_dropout", AttentionDropout), ("activation_dropout", ActivationDropout) })
            if (!(rate >= 0 && rate < 1)) throw new ConfigException($"{source}: {key} {rate} is not a probability in [0, 1)");
    }
}
