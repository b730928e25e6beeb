using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Asr.Whisper;

/// <summary>Whisper's tokenizer files in a Hugging Face model folder: <c>vocab.json</c>,
/// <c>merges.txt</c> (derived from the tiktoken ranks), <c>added_tokens.json</c> (the special
/// tokens with their ids) and <c>special_tokens_map.json</c>, so a folder we save is complete for
/// transformers' WhisperTokenizer.</summary>
public static class WhisperTokenizerFiles
{
    public const string AddedTokensFile = "added_tokens.json", SpecialTokensMapFile = "special_tokens_map.json";

    public static void Save(string folder, int vocabularySize, string? ranksPath = null)
    {
        var special = WhisperSpecialTokens.ForVocabulary(vocabularySize);
        var ranks = TiktokenRanks.Load(ranksPath ?? WhisperTokenizer.DefaultRanksPath);
        BpeVocabulary.FromRanks(ranks, new[] { "<|endoftext|>" }).Save(folder);
        var options = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(folder, AddedTokensFile), JsonSerializer.Serialize(Names(special, vocabularySize), options));
        File.WriteAllText(Path.Combine(folder, SpecialTokensMapFile), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["bos_token"] = "<|endoftext|>", ["eos_token"] = "<|endoftext|>", ["pad_token"] = "<|endoftext|>", ["unk_token"] = "<|endoftext|>",
        }, options));
    }

    /// <summary>Throws when the folder's <c>added_tokens.json</c> puts a special token at another id
    /// than the table for this vocabulary size (a tokenizer from another model).</summary>
    public static void CheckAddedTokens(string folder, WhisperSpecialTokens special)
    {
        string path = Path.Combine(folder, AddedTokensFile);
        if (!File.Exists(path)) return;
        Dictionary<string, int>? added;
        try { added = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new ConfigException($"{path}: not a token → id map ({e.Message})"); }
        if (added is not null) CheckSpecialIds(path, added, special);
    }

    /// <summary>Throws when <paramref name="added"/> (read from <paramref name="path"/>) puts one of
    /// Whisper's fixed special tokens at another id than this vocabulary size has it.</summary>
    public static void CheckSpecialIds(string path, IReadOnlyDictionary<string, int> added, WhisperSpecialTokens special)
    {
        var expected = new Dictionary<string, int>
        {
            ["<|endoftext|>"] = special.EndOfText, ["<|startoftranscript|>"] = special.StartOfTranscript,
            ["<|notimestamps|>"] = special.NoTimestamps, ["<|startofprev|>"] = special.StartOfPrevious,
        };
        foreach (var (token, id) in expected)
            if (added.TryGetValue(token, out int found) && found != id)
                throw new ConfigException($"{path}: {token} is id {found}, but a {special.TimestampBegin + 1501}-token Whisper has it at {id}");
    }

    /// <summary>Special token names by id: end-of-text, start, languages (English-only models keep the
    /// slots, named by code), tasks, markers and the 1501 timestamps.</summary>
    static Dictionary<string, int> Names(WhisperSpecialTokens special, int vocabularySize)
    {
        var names = new Dictionary<string, int> { ["<|endoftext|>"] = special.EndOfText, ["<|startoftranscript|>"] = special.StartOfTranscript };
        for (int i = 0; i < special.LanguageCount; i++) names[$"<|{LanguageCodes[i]}|>"] = special.FirstLanguage + i;
        names["<|translate|>"] = special.Translate;
        names["<|transcribe|>"] = special.Transcribe;
        names["<|startoflm|>"] = special.StartOfLm;
        names["<|startofprev|>"] = special.StartOfPrevious;
        names["<|nospeech|>"] = special.NoSpeech;
        names["<|notimestamps|>"] = special.NoTimestamps;
        for (int t = 0; special.TimestampBegin + t < vocabularySize; t++) names[$"<|{t * 0.02:0.00}|>"] = special.TimestampBegin + t;
        return names;
    }

    /// <summary>Whisper's language codes in token order (whisper/tokenizer.py), 100 with large-v3's "yue".</summary>
    static readonly string[] LanguageCodes =
    {
        "en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv", "it", "id", "hi", "fi", "vi",
        "he", "uk", "el", "ms", "cs", "ro", "da", "hu", "ta", "no", "th", "ur", "hr", "bg", "lt", "la", "mi", "ml", "cy", "sk",
        "te", "fa", "lv", "bn", "sr", "az", "sl", "kn", "et", "mk", "br", "eu", "is", "hy", "ne", "mn", "bs", "kk", "sq", "sw",
        "gl", "mr", "pa", "si", "km", "sn", "yo", "so", "af", "oc", "ka", "be", "tg", "sd", "gu", "am", "yi", "lo", "uz", "fo",
        "ht", "ps", "tk", "nn", "mt", "sa", "lb", "my", "bo", "tl", "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue",
    };
}
