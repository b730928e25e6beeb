using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>What a Hugging Face <c>tokenizer.json</c> (the "fast" tokenizers' single file) holds for
/// a byte-level BPE: <c>model.vocab</c> (token → id), <c>model.merges</c> (either "a b" strings or,
/// in newer files, ["a", "b"] pairs) and <c>added_tokens</c> (special tokens with their ids).
/// Folders that ship only this file (no vocab.json / merges.txt) load through it.</summary>
public sealed record TokenizerJson(IReadOnlyList<KeyValuePair<string, int>> Vocabulary, IReadOnlyList<string> Merges,
    IReadOnlyDictionary<string, int> AddedTokens)
{
    public const string FileName = "tokenizer.json";

    public static TokenizerJson Read(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: tokenizer file not found");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
                throw new ConfigException($"{path}: no \"model\" object");
            string? type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type != "BPE") throw new ConfigException($"{path}: model type is {type ?? "missing"}, only BPE tokenizers are read");
            if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
                throw new ConfigException($"{path}: model.vocab is not a token → id object");
            var vocabulary = vocab.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())).ToList();
            var merges = new List<string>();
            if (model.TryGetProperty("merges", out var list))
                foreach (var merge in list.EnumerateArray())
                    merges.Add(merge.ValueKind switch
                    {
                        JsonValueKind.String => merge.GetString()!,
                        JsonValueKind.Array when merge.GetArrayLength() == 2 => $"{merge[0].GetString()} {merge[1].GetString()}",
                        _ => throw new ConfigException($"{path}: merge {merges.Count} is neither \"a b\" nor [\"a\", \"b\"]"),
                    });
            var added = new Dictionary<string, int>(StringComparer.Ordinal);
            if (root.TryGetProperty("added_tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array)
                foreach (var token in tokens.EnumerateArray())
                    added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
            return new TokenizerJson(vocabulary, merges, added);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new ConfigException($"{path}: not a readable tokenizer.json ({e.Message})");
        }
    }
}
