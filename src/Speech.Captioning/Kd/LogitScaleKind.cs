using System.Text.Json.Serialization;

namespace Speech.Captioning.Kd;

/// <summary>How the learnable InfoNCE scale s (initialised to ln(1/0.07) ≈ 2.659) multiplies the
/// cosine logits. <see cref="Direct"/>: logits = s·cos, as the reference code does (effective initial
/// temperature ≈ 0.376); <see cref="Exp"/>: logits = exp(s)·cos, CLIP's form (temperature 0.07).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LogitScaleKind>))]
public enum LogitScaleKind { Direct, Exp }
