using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Speech.Core.Training;

/// <summary>trainer_state.json: everything besides tensors that a resumed run needs to continue
/// exactly, plus checksums of the checkpoint's tensor files.</summary>
public sealed record TrainerState
{
    [JsonPropertyName("step")] public long Step { get; init; }
    [JsonPropertyName("epoch")] public int Epoch { get; init; }
    [JsonPropertyName("optimizer_step")] public long OptimizerStep { get; init; }
    [JsonPropertyName("skipped_steps")] public long SkippedSteps { get; init; }
    [JsonPropertyName("data_state")] public JsonNode? DataState { get; init; }
    /// <summary>libtorch's CPU generator state, base64.</summary>
    [JsonPropertyName("rng_state")] public string RngState { get; init; } = "";
    [JsonPropertyName("options_fingerprint")] public string OptionsFingerprint { get; init; } = "";
    [JsonPropertyName("metric")] public double? Metric { get; init; }
    /// <summary>SHA-256 of each tensor file in the checkpoint folder, by file name.</summary>
    [JsonPropertyName("sha256")] public Dictionary<string, string> Checksums { get; init; } = new();
}
