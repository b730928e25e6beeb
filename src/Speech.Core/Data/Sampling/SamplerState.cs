using System.Text.Json.Serialization;

namespace Speech.Core.Data.Sampling;

/// <summary>A sampler's position, saved as JSON in trainer checkpoints.</summary>
public sealed record SamplerState(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("batches_done")] int BatchesDone,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);
