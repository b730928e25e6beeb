using System.Text.Json;
using System.Text.Json.Serialization;

namespace Speech.Core.Text.Bert;

/// <summary>A BERT's <c>config.json</c> with Hugging Face's keys (unknown keys of a downloaded
/// config are ignored). Defaults are a small model for CPU training, not bert-base.</summary>
public sealed record BertConfig
{
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; }
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 128;
    [JsonPropertyName("num_hidden_layers")] public int Layers { get; init; } = 2;
    [JsonPropertyName("num_attention_heads")] public int Heads { get; init; } = 2;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 512;
    /// <summary>Only "gelu" (the exact erf form, as Hugging Face's BERT) is implemented.</summary>
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropout { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")] public double AttentionDropout { get; init; } = 0.1;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositions { get; init; } = 128;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";
    [JsonPropertyName("architectures")] public string[] Architectures { get; init; } = ["BertForMaskedLM"];

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
