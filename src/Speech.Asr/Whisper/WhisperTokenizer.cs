using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Asr.Whisper;

/// <summary>Whisper's byte-level BPE (GPT-2's ranks for English models) through
/// Microsoft.ML.Tokenizers' tiktoken implementation. Encode gives ordinary tokens only; decode
/// drops special tokens (ids from end-of-text on).</summary>
public sealed class WhisperTokenizer : ITokenizer
{
    /// <summary>GPT-2's pre-tokeniser pattern (whisper/tokenizer.py).</summary>
    const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    readonly TiktokenTokenizer tokenizer;

    WhisperTokenizer(TiktokenTokenizer tokenizer, WhisperSpecialTokens special, int vocabularySize)
    {
        this.tokenizer = tokenizer;
        Special = special;
        VocabularySize = vocabularySize;
    }

    public WhisperSpecialTokens Special { get; }
    public int VocabularySize { get; }

    /// <summary>The English tokenizer shipped with the toolkit (assets/whisper/gpt2.tiktoken).</summary>
    public static WhisperTokenizer English(string? ranksPath = null) =>
        FromTiktoken(ranksPath ?? DefaultRanksPath, 51864);

    public static string DefaultRanksPath => Path.Combine(AppContext.BaseDirectory, "assets", "whisper", "gpt2.tiktoken");

    public static WhisperTokenizer FromTiktoken(string ranksPath, int vocabularySize)
    {
        if (!File.Exists(ranksPath)) throw new ConfigException($"{ranksPath}: tokenizer ranks not found");
        var special = WhisperSpecialTokens.ForVocabulary(vocabularySize);
        var specialTokens = new Dictionary<string, int> { ["<|endoftext|>"] = special.EndOfText };
        var preTokenizer = new RegexPreTokenizer(new Regex(Gpt2Pattern, RegexOptions.Compiled), specialTokens);
        var tokenizer = TiktokenTokenizer.Create(ranksPath, preTokenizer, normalizer: null, specialTokens);
        return new WhisperTokenizer(tokenizer, special, vocabularySize);
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false);

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids.Where(id => id < Special.EndOfText));

    /// <summary>Decodes long ids as the decoders return them.</summary>
    public string Decode(IEnumerable<long> ids) => Decode(ids.Select(id => (int)id));
}
