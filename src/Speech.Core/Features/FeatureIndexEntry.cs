using System.Text.Json.Serialization;

namespace Speech.Core.Features;

/// <summary>One line of a shard index: where a cut's features lie in the shard's .bin file.</summary>
public sealed record FeatureIndexEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("frames")] int Frames);
