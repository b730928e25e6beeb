using System.Text.Json.Nodes;

namespace Speech.Asr.DistilWhisper;

/// <summary>A teacher's transcript of one cut: text and token ids (no prompt, no end token).</summary>
public sealed record PseudoLabel(string Id, string Text, long[] Tokens)
{
    public string ToJsonLine() => new JsonObject
    {
        ["id"] = Id, ["text"] = Text, ["tokens"] = new JsonArray(Tokens.Select(t => (JsonNode?)t).ToArray()),
    }.ToJsonString();

    /// <summary>Null for a line that is not a whole label (torn by a kill).</summary>
    public static PseudoLabel? TryParse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject json) return null;
            string? id = json["id"]?.GetValue<string>(), text = json["text"]?.GetValue<string>();
            if (id is null || text is null || json["tokens"] is not JsonArray tokens) return null;
            return new PseudoLabel(id, text, tokens.Select(t => t!.GetValue<long>()).ToArray());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
