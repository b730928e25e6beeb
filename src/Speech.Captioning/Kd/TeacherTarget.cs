using System.Text.Json.Nodes;

namespace Speech.Captioning.Kd;

/// <summary>A teacher's outputs for one clip, cached once before the students train: its beam-3
/// caption (sequence-level KD) and its clip embedding (encoder-level KD). One JSON line each.</summary>
public sealed record TeacherTarget(string Id, string Caption, float[] Embedding)
{
    public string ToJsonLine() => new JsonObject
    {
        ["id"] = Id, ["caption"] = Caption, ["embedding"] = new JsonArray(Embedding.Select(e => (JsonNode?)e).ToArray()),
    }.ToJsonString();

    /// <summary>Null for a line that is not a whole target (torn by a kill).</summary>
    public static TeacherTarget? TryParse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject json) return null;
            string? id = json["id"]?.GetValue<string>(), caption = json["caption"]?.GetValue<string>();
            if (id is null || caption is null || json["embedding"] is not JsonArray embedding) return null;
            return new TeacherTarget(id, caption, embedding.Select(e => e!.GetValue<float>()).ToArray());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
