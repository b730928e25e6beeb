using System.Text.Json;
using Speech.Asr.Whisper;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Asr.Tests.Whisper;

/// <summary>Hugging Face tokenizer files: the vocab.json + merges.txt derived from the tiktoken ranks
/// tokenise exactly as tiktoken does (two independent BPE implementations in Microsoft.ML.Tokenizers),
/// and the special-token ids follow the vocabulary size.</summary>
public sealed class WhisperTokenizerFilesTests
{
    static readonly string[] Texts =
    {
        " Hello world", " don't stop", " It's 3.14, isn't it?", "  two  spaces", " café naïve", " 1,000,000 dollars", " \"quoted\" (and) [bracketed]",
    };

    [Fact]
    public void A_saved_english_folder_tokenizes_as_the_shipped_ranks()
    {
        using var temp = new TempDirectory();
        WhisperTokenizerFiles.Save(temp.Path, 51864);
        var fromFolder = WhisperTokenizer.FromFolder(temp.Path, 51864);
        var shipped = WhisperTokenizer.English();

        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(temp.File("vocab.json")))!;
        Assert.Equal(50257, vocabulary.Count); // 50,256 ordinary tokens + <|endoftext|>
        Assert.Equal(50256, vocabulary["<|endoftext|>"]);
        Assert.Equal(15496, vocabulary["Hello"]);
        Assert.Equal(50000 + 1, File.ReadAllLines(temp.File("merges.txt")).Length); // header + one merge per multi-byte token
        Assert.Equal("Ġ t", File.ReadAllLines(temp.File("merges.txt"))[1]);        // GPT-2's first merge

        var texts = Texts.Concat(MiniCorpus.Split("dev").Concat(MiniCorpus.Split("test")).Select(c => " " + c.Text!.ToLowerInvariant())).ToList();
        foreach (string text in texts)
        {
            Assert.Equal(shipped.Encode(text), fromFolder.Encode(text));
            Assert.Equal(text, fromFolder.Decode(fromFolder.Encode(text)));
        }
        var added = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(temp.File("added_tokens.json")))!;
        Assert.Equal(50257, added["<|startoftranscript|>"]);
        Assert.Equal(50362, added["<|notimestamps|>"]);
        Assert.Equal(51863, added["<|30.00|>"]);
    }

    [Fact]
    public void A_multilingual_folder_shifts_the_special_tokens_and_a_mismatch_is_named()
    {
        using var temp = new TempDirectory();
        WhisperTokenizerFiles.Save(temp.Path, 51865);
        var multilingual = WhisperTokenizer.FromFolder(temp.Path, 51865);
        Assert.Equal(50258, multilingual.Special.StartOfTranscript); // whisper/tokenizer.py: sot after <|endoftext|> 50257
        Assert.Equal(50363, multilingual.Special.NoTimestamps);
        var added = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(temp.File("added_tokens.json")))!;
        Assert.Equal(50259, added["<|en|>"]);
        Assert.Equal(50357, added["<|su|>"]); // the 99th language

        var error = Assert.Throws<ConfigException>(() => WhisperTokenizer.FromFolder(temp.Path, 51864));
        Assert.Contains("added_tokens.json", error.Message);
        using var empty = new TempDirectory();
        Assert.Contains("needs its own vocab.json", Assert.Throws<ConfigException>(() => WhisperTokenizer.ForModel(empty.Path, 51865)).Message);
    }

    /// <summary>Writes a tokenizer.json as transformers' fast tokenizer saves it (model.vocab,
    /// model.merges, added_tokens) from a folder's vocab.json, merges.txt and added_tokens.json,
    /// then removes those three files.</summary>
    static void ToTokenizerJsonOnly(string folder, bool mergesAsPairs)
    {
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "vocab.json")))!;
        var merges = File.ReadAllLines(Path.Combine(folder, "merges.txt")).Skip(1).Where(l => l.Length > 0).ToList();
        var added = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(Path.Combine(folder, "added_tokens.json")))!;
        var document = new Dictionary<string, object>
        {
            ["version"] = "1.0",
            ["added_tokens"] = added.Select(kv => new Dictionary<string, object> { ["id"] = kv.Value, ["content"] = kv.Key, ["special"] = true }).ToList(),
            ["model"] = new Dictionary<string, object>
            {
                ["type"] = "BPE", ["vocab"] = vocabulary,
                ["merges"] = mergesAsPairs ? merges.Select(m => (object)m.Split(' ')).ToList() : merges.Select(m => (object)m).ToList(),
            },
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(document));
        foreach (string name in new[] { "vocab.json", "merges.txt", "added_tokens.json" }) File.Delete(Path.Combine(folder, name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_folder_with_only_tokenizer_json_tokenizes_as_the_shipped_ranks(bool mergesAsPairs)
    {
        using var temp = new TempDirectory();
        WhisperTokenizerFiles.Save(temp.Path, 51864);
        ToTokenizerJsonOnly(temp.Path, mergesAsPairs);
        var fromJson = WhisperTokenizer.ForModel(temp.Path, 51864);
        var shipped = WhisperTokenizer.English();

        foreach (string text in Texts.Concat(MiniCorpus.Split("test").Select(c => " " + c.Text!.ToLowerInvariant())))
            Assert.Equal(shipped.Encode(text), fromJson.Encode(text));
    }

    [Fact]
    public void A_tokenizer_json_from_another_vocabulary_or_model_type_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        WhisperTokenizerFiles.Save(temp.Path, 51865); // multilingual ids
        ToTokenizerJsonOnly(temp.Path, mergesAsPairs: false);
        var error = Assert.Throws<ConfigException>(() => WhisperTokenizer.FromFolder(temp.Path, 51864));
        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("<|endoftext|> is id 50257", error.Message);

        File.WriteAllText(temp.File("tokenizer.json"), "{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}");
        error = Assert.Throws<ConfigException>(() => WhisperTokenizer.FromFolder(temp.Path, 51865));
        Assert.Contains("tokenizer.json: model type is Unigram", error.Message);
        File.WriteAllText(temp.File("tokenizer.json"), "{\"model\": ");
        Assert.Contains("not a readable tokenizer.json", Assert.Throws<ConfigException>(() => WhisperTokenizer.FromFolder(temp.Path, 51865)).Message);
    }
}
