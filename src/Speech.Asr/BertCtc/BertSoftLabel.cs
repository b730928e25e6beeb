using System.Text.Json.Nodes;

namespace Speech.Asr.BertCtc;

/// <summary>A BERT's soft labels for one transcript (Futami et al.): its WordPiece ids and, per
/// token, the top-k other-than-special ids with their probabilities (softmax over the k logits at
/// a temperature, so each position's probabilities sum to 1), and the words that fell to [UNK].
/// One JSON line each in the target store.</summary>
public sealed record BertSoftLabel(string Id, int[] Tokens, int[][] TopIds, float[][] TopProbs, int UnknownWords)
{
    public string ToJsonLine() => new JsonObject
    {
        ["id"] = Id,
        ["tokens"] = Array(Tokens.Select(t => (JsonNode?)t)),
        ["top_ids"] = Array(TopIds.Select(row => (JsonNode?)Array(row.Select(t => (JsonNode?)t)))),
        ["top_probs"] = Array(TopProbs.Select(row => (JsonNode?)Array(row.Select(p => (JsonNode?)p)))),
        ["unk"] = UnknownWords,
    }.ToJsonString();

    /// <summary>Null for a line that is not a whole label (torn by a kill).</summary>
    public static BertSoftLabel? TryParse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject json || json["id"]?.GetValue<string>() is not { } id) return null;
            if (json["tokens"] is not JsonArray tokens || json["top_ids"] is not JsonArray ids || json["top_probs"] is not JsonArray probs) return null;
            var label = new BertSoftLabel(id, tokens.Select(t => t!.GetValue<int>()).ToArray(),
                ids.Select(r => r!.AsArray().Select(t => t!.GetValue<int>()).ToArray()).ToArray(),
                probs.Select(r => r!.AsArray().Select(p => p!.GetValue<float>()).ToArray()).ToArray(),
                json["unk"]?.GetValue<int>() ?? 0);
            return label.TopIds.Length == label.Tokens.Length && label.TopProbs.Length == label.Tokens.Length ? label : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
