using System.Text.Json;
using System.Text.Json.Serialization;

namespace Speech.Asr.Ctc;

/// <summary>A CTC encoder: 4× convolutional subsampling, pre-norm transformer blocks, a linear CTC
/// head; token 0 is the blank.</summary>
public sealed record CtcConfig
{
    [JsonPropertyName("feature_dim")] public int FeatureDim { get; init; } = 80;
    [JsonPropertyName("d_model")] public int DModel { get; init; } = 256;
    [JsonPropertyName("layers")] public int Layers { get; init; } = 6;
    [JsonPropertyName("heads")] public int Heads { get; init; } = 4;
    [JsonPropertyName("ffn_dim")] public int FfnDim { get; init; } = 1024;
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 32;
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.1;
    [JsonPropertyName("max_positions")] public int MaxPositions { get; init; } = 3000;

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
