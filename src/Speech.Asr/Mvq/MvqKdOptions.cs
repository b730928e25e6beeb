using System.Text.Json.Serialization;

namespace Speech.Asr.Mvq;

/// <summary>The <c>mvq:</c> section of an MVQ-KD student recipe (conf/*.yaml).</summary>
public sealed record MvqKdOptions
{
    /// <summary>mvq (codebook-index prediction), l2 or l1 (regression onto the teacher embeddings,
    /// the paper's baseline), or none (plain CTC: the baseline).</summary>
    [JsonPropertyName("kind")] public string Kind { get; init; } = "mvq";

    /// <summary>Student encoder block (1-based) the KD head reads; 0 = the middle one (icefall: the 6th of 12).</summary>
    [JsonPropertyName("layer")] public int Layer { get; init; }

    /// <summary>Weight of the KD term beside CTC (icefall's --codebook-loss-scale: 0.1).</summary>
    [JsonPropertyName("scale")] public double Scale { get; init; } = 0.1;

    /// <summary>Teacher frames per student frame (2: a 25 fps student of a 50 fps teacher).</summary>
    [JsonPropertyName("frame_ratio")] public int FrameRatio { get; init; } = 2;

    /// <summary>The cross-codebook (regressive) predictor: codebook c also sees the teacher's earlier indexes.</summary>
    [JsonPropertyName("joint")] public bool Joint { get; init; }

    public static readonly string[] Kinds = { "mvq", "l2", "l1", "none" };
}
