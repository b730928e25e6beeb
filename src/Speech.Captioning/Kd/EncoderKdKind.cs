using System.Text.Json.Serialization;

namespace Speech.Captioning.Kd;

/// <summary>Encoder-level KD on clip embeddings: none, MSE (the paper's MseEncoderKdWrapper) or
/// symmetric in-batch InfoNCE (ContraEncoderKdWrapper, the released model's choice).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EncoderKdKind>))]
public enum EncoderKdKind { None, Mse, Contrastive }
