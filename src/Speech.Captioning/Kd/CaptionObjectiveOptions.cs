using System.Text.Json.Serialization;

namespace Speech.Captioning.Kd;

/// <summary>The loss terms of a captioning run and their weights (the paper: the unweighted sum
/// L_sup + L_seq + L_enc). A weight of 0 leaves a term out.</summary>
public sealed record CaptionObjectiveOptions
{
    /// <summary>Token CE on the reference captions (labelled clips only).</summary>
    [JsonPropertyName("ce_weight")] public double CeWeight { get; init; } = 1.0;
    /// <summary>Label smoothing of the CE terms (0 = plain CE).</summary>
    [JsonPropertyName("label_smoothing")] public double LabelSmoothing { get; init; } = 0.0;
    /// <summary>Sequence-level KD: CE on the teacher's cached beam-3 caption (all clips).</summary>
    [JsonPropertyName("seq_kd_weight")] public double SeqKdWeight { get; init; } = 0.0;
    [JsonPropertyName("enc_kd")] public EncoderKdKind EncoderKd { get; init; } = EncoderKdKind.None;
    [JsonPropertyName("enc_kd_weight")] public double EncoderKdWeight { get; init; } = 1.0;
    /// <summary>Shared width of the InfoNCE projections (the released model: 1024).</summary>
    [JsonPropertyName("shared_dim")] public int SharedDim { get; init; } = 128;
    [JsonPropertyName("logit_scale")] public LogitScaleKind LogitScale { get; init; } = LogitScaleKind.Direct;

    public bool NeedsTeacher => SeqKdWeight > 0 || EncoderKd != EncoderKdKind.None;
}
