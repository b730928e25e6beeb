using System.Text.Json;
using System.Text.Json.Nodes;
using Speech.Core.Errors;

namespace Speech.Asr.Whisper;

/// <summary>What a Hugging Face folder's <c>generation_config.json</c> says about greedy decoding
/// that our decoder honours: tokens never generated (<c>suppress_tokens</c>, e.g. Whisper's
/// non-speech symbols), tokens not generated first (<c>begin_suppress_tokens</c>) and the length
/// limit (<c>max_length</c>, prompt included). Saving writes a file transformers'
/// <c>generate()</c> reads: start, end and no-timestamps ids, the forced prompt and these lists.</summary>
public sealed record WhisperGenerationConfig(IReadOnlyList<long>? SuppressTokens, IReadOnlyList<long>? BeginSuppressTokens, int? MaxLength)
{
    public const string FileName = "generation_config.json";

    /// <summary>Whisper's blank (" ") in both the English and the multilingual vocabulary.</summary>
    public const long Blank = 220;

    /// <summary>The folder's generation config, or null when it has none.</summary>
    public static WhisperGenerationConfig? Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new CheckpointException($"{path}: not a JSON object");
            return new WhisperGenerationConfig(Ids(root, "suppress_tokens", path), Ids(root, "begin_suppress_tokens", path),
                root["max_length"] is { } length ? length.GetValue<int>() : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException($"{path}: not a readable generation config ({e.Message})");
        }
    }

    static IReadOnlyList<long>? Ids(JsonObject root, string key, string path) => root[key] switch
    {
        null => null,
        JsonArray array => array.Select(x => x?.GetValue<long>() ?? throw new CheckpointException($"{path}: {key} holds a null")).ToList(),
        _ => throw new CheckpointException($"{path}: {key} is not a list of token ids"),
    };

    /// <summary>Our decoding defaults as a generation config: every special token from
    /// <c>&lt;|startoftranscript|&gt;</c> up to the timestamps suppressed (the timestamps are the
    /// no-timestamps mode's to suppress), blank and end-of-text not first, the decoder's positions.</summary>
    public static WhisperGenerationConfig Defaults(WhisperConfig config)
    {
        var special = WhisperSpecialTokens.ForVocabulary(config.VocabSize);
        var suppress = Enumerable.Range(special.StartOfTranscript, special.TimestampBegin - special.StartOfTranscript).Select(i => (long)i).ToList();
        return new WhisperGenerationConfig(suppress, new[] { Blank, special.EndOfText }, config.MaxTargetPositions);
    }

    public void Save(string folder, WhisperConfig config)
    {
        var special = WhisperSpecialTokens.ForVocabulary(config.VocabSize);
        bool multilingual = config.VocabSize > 51864;
        var forced = multilingual
            ? new JsonArray(new JsonArray(1, special.FirstLanguage), new JsonArray(2, special.Transcribe), new JsonArray(3, special.NoTimestamps)) // English, transcribe
            : new JsonArray(new JsonArray(1, special.NoTimestamps));
        var root = new JsonObject
        {
            ["decoder_start_token_id"] = special.StartOfTranscript, ["bos_token_id"] = special.StartOfTranscript,
            ["eos_token_id"] = special.EndOfText, ["pad_token_id"] = special.EndOfText,
            ["no_timestamps_token_id"] = special.NoTimestamps, ["is_multilingual"] = multilingual,
            ["max_length"] = MaxLength ?? config.MaxTargetPositions, ["forced_decoder_ids"] = forced,
            ["suppress_tokens"] = new JsonArray((SuppressTokens ?? []).Select(id => (JsonNode)id).ToArray()),
            ["begin_suppress_tokens"] = new JsonArray((BeginSuppressTokens ?? []).Select(id => (JsonNode)id).ToArray()),
        };
        File.WriteAllText(Path.Combine(folder, FileName), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
