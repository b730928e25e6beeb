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
}
