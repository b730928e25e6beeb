using System.Text.Json;
using System.Text.Json.Nodes;

namespace Speech.Core.Data;

/// <summary>The manifest line format of a <see cref="Cut"/> (snake_case keys):
/// <c>{"id","audio","channel"?,"offset","duration","sample_rate","text"?,"speaker"?,"language"?,"extra"?}</c>.
/// Relative audio paths are relative to the manifest's folder.</summary>
public static class CutJson
{
    static readonly HashSet<string> KnownKeys = new()
    {
        "id", "audio", "channel", "offset", "duration", "sample_rate", "text", "speaker", "language", "extra",
    };

    /// <summary>Parses one line; throws <see cref="FormatException"/> saying what is wrong (the
    /// reader adds file and line).</summary>
    public static Cut Parse(string line, string manifestDirectory)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (JsonException e) { throw new FormatException($"not valid JSON at column {e.BytePositionInLine + 1} ({WithoutPosition(e.Message)})"); }
        if (node is not JsonObject json) throw new FormatException("a manifest line must be a JSON object");
        foreach (var key in json.Select(p => p.Key))
            if (!KnownKeys.Contains(key))
                throw new FormatException($"unknown key '{key}' (custom fields go under \"extra\")");

        string id = RequiredString(json, "id");
        string audio = RequiredString(json, "audio");
        double offset = OptionalDouble(json, "offset") ?? 0;
        double duration = OptionalDouble(json, "duration") ?? throw new FormatException("missing \"duration\"");
        int sampleRate = (int)(OptionalDouble(json, "sample_rate") ?? throw new FormatException("missing \"sample_rate\""));
        if (id.Length == 0) throw new FormatException("empty \"id\"");
        if (offset < 0 || duration <= 0 || double.IsNaN(duration)) throw new FormatException($"bad span: offset {offset}, duration {duration}");
        if (sampleRate <= 0) throw new FormatException($"bad sample_rate {sampleRate}");

        Dictionary<string, JsonElement>? extras = null;
        if (json["extra"] is JsonObject extra)
            extras = extra.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
        else if (json["extra"] is not null)
            throw new FormatException("\"extra\" must be an object");

        string path = Path.IsPathRooted(audio) ? audio : Path.GetFullPath(Path.Combine(manifestDirectory, audio));
        int? channel = json["channel"] is null ? null : (int)OptionalDouble(json, "channel")!.Value;
        return new Cut(id, new AudioSource(path, channel), offset, duration, sampleRate,
            OptionalString(json, "text"), OptionalString(json, "speaker"), OptionalString(json, "language"), extras);
    }

    /// <summary>One line, no trailing newline. Audio under the manifest's folder is written
    /// relative to it, so a corpus folder can move as a whole.</summary>
    public static string Format(Cut cut, string manifestDirectory)
    {
        var json = new JsonObject { ["id"] = cut.Id, ["audio"] = PortablePath(cut.Source.Path, manifestDirectory) };
        if (cut.Source.Channel is int channel) json["channel"] = channel;
        json["offset"] = Math.Round(cut.Start, 6);
        json["duration"] = Math.Round(cut.Duration, 6);
        json["sample_rate"] = cut.SampleRate;
        if (cut.Text is not null) json["text"] = cut.Text;
        if (cut.Speaker is not null) json["speaker"] = cut.Speaker;
        if (cut.Language is not null) json["language"] = cut.Language;
        if (cut.Extras is { Count: > 0 })
            json["extra"] = new JsonObject(cut.Extras.Select(p => KeyValuePair.Create(p.Key, JsonNode.Parse(p.Value.GetRawText()))));
        return json.ToJsonString();
    }

    static string PortablePath(string path, string manifestDirectory)
    {
        string full = Path.GetFullPath(path);
        string relative = Path.GetRelativePath(Path.GetFullPath(manifestDirectory), full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative.Replace('\\', '/');
    }

    static string RequiredString(JsonObject json, string key) =>
        OptionalString(json, key) ?? throw new FormatException($"missing \"{key}\"");

    static string? OptionalString(JsonObject json, string key) => json[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => throw new FormatException($"\"{key}\" must be a string"),
    };

    static double? OptionalDouble(JsonObject json, string key) => json[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out double number) => number,
        _ => throw new FormatException($"\"{key}\" must be a number"),
    };

    /// <summary>System.Text.Json ends its messages with "Path: … | LineNumber: 0 | BytePositionInLine: n.";
    /// a manifest is parsed a line at a time, so that line number is always 0 and only misleads
    /// next to the reader's real one.</summary>
    static string WithoutPosition(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd(' ', '.', '|');
    }
}
