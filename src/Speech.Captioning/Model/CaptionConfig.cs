using System.Text.Json;
using System.Text.Json.Serialization;

namespace Speech.Captioning.Model;

/// <summary>A caption model (the <c>model:</c> section of a recipe, and <c>config.json</c> of a model
/// folder). Defaults are a small CPU-sized student; the paper's student (EffB2-Trm) has a 1408-d
/// EfficientNet-B2 encoder and a 2-layer decoder with d_model 256, 4 heads, ff 1024, dropout 0.2.</summary>
public sealed record CaptionConfig
{
    /// <summary>Log-mel bins of the input (the paper: 64).</summary>
    [JsonPropertyName("feature_dim")] public int FeatureDim { get; init; } = 64;
    /// <summary>CNN blocks (3×3 conv, GELU, 2×2 average pool each), so time is downsampled 2^blocks.</summary>
    [JsonPropertyName("encoder_blocks")] public int EncoderBlocks { get; init; } = 3;
    /// <summary>Output channels of the CNN blocks (the first has half as many).</summary>
    [JsonPropertyName("encoder_channels")] public int EncoderChannels { get; init; } = 64;
    /// <summary>Width of the frame and clip embeddings (the paper's student: 1408).</summary>
    [JsonPropertyName("encoder_dim")] public int EncoderDim { get; init; } = 64;
    [JsonPropertyName("d_model")] public int DModel { get; init; } = 64;
    [JsonPropertyName("heads")] public int Heads { get; init; } = 4;
    [JsonPropertyName("ffn_dim")] public int FfnDim { get; init; } = 256;
    [JsonPropertyName("decoder_layers")] public int DecoderLayers { get; init; } = 2;
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.2;
    /// <summary>Set from the training captions' vocabulary.</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 0;
    /// <summary>Longest caption generated, in words (the paper: 20).</summary>
    [JsonPropertyName("max_length")] public int MaxLength { get; init; } = 20;
    /// <summary>Beams at inference (the paper: 3).</summary>
    [JsonPropertyName("beam_size")] public int BeamSize { get; init; } = 3;

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
