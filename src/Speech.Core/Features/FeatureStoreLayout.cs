using System.Text.Json.Serialization;

namespace Speech.Core.Features;

/// <summary>What a feature store folder holds and how its files are named: <c>store.json</c>
/// (kind, dimension, dtype), then per shard <c>shard-00001-of-00004.bin</c> (features back to
/// back), <c>.index.jsonl</c> (id, byte offset, frames; one line per finished cut) and
/// <c>.done</c> once the shard is complete.</summary>
public sealed record FeatureStoreLayout(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("dimension")] int Dimension,
    [property: JsonPropertyName("dtype")] string DType)
{
    public const string DescriptionFile = "store.json";

    public int BytesPerValue => DType == "float16" ? 2 : 4;

    public static string ShardStem(int index, int count) => $"shard-{index:D5}-of-{count:D5}";
}
