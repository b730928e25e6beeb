using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Asr.Whisper;

/// <summary>Whisper's byte-level BPE through Microsoft.ML.Tokenizers: GPT-2's ranks (tiktoken) for
/// English models, or a model folder's own <c>vocab.json</c> + <c>merges.txt</c> (how Hugging Face
/// ships every Whisper, the multilingual ones included) or, failing those, its <c>tokenizer.json</c>. Encode gives ordinary tokens only; decode
/// drops special tokens (ids from end-of-text on).</summary>
public sealed class WhisperTokenizer : ITokenizer
{
    /// <summary>GPT-2's pre-tokeniser pattern (whisper/tokenizer.py).</summary>
    const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    readonly Tokenizer tokenizer;

    WhisperTokenizer(Tokenizer tokenizer, WhisperSpecialTokens special, int vocabularySize)
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

    /// <summary>A Hugging Face model folder's tokenizer (<c>vocab.json</c> + <c>merges.txt</c>, its special
    /// tokens checked against <c>added_tokens.json</c> when present), for a model of
    /// <paramref name="vocabularySize"/> tokens.</summary>
    public static WhisperTokenizer FromFolder(string folder, int vocabularySize)
    {
        var special = WhisperSpecialTokens.ForVocabulary(vocabularySize);
        var specials = new Dictionary<string, int> { ["<|endoftext|>"] = special.EndOfText };
        string source;
        ByteLevelBpeTokenizer bpe;
        if (File.Exists(Path.Combine(folder, BpeVocabulary.VocabularyFile)) || !File.Exists(Path.Combine(folder, TokenizerJson.FileName)))
        {
            WhisperTokenizerFiles.CheckAddedTokens(folder, special);
            source = Path.Combine(folder, BpeVocabulary.VocabularyFile);
            bpe = ByteLevelBpeTokenizer.Load(folder, specials);
        }
        else
        {
            // A folder with only the fast tokenizer's single file.
            source = Path.Combine(folder, TokenizerJson.FileName);
            var file = TokenizerJson.Read(source);
            WhisperTokenizerFiles.CheckSpecialIds(source, file.AddedTokens, special);
            bpe = ByteLevelBpeTokenizer.FromTokenizerJson(file, specials);
        }
        if (bpe.VocabularySize < special.EndOfText)
            throw new ConfigException($"{source}: {bpe.VocabularySize} tokens, fewer than Whisper's {special.EndOfText} ordinary ones");
        return new WhisperTokenizer(bpe.Inner, special, vocabularySize);
    }

    /// <summary>The tokenizer for a model: its folder's own files when it has them, else the shipped
    /// English one (which only an English-vocabulary model can use).</summary>
    public static WhisperTokenizer ForModel(string modelPath, int vocabularySize)
    {
        if (Directory.Exists(modelPath) && (File.Exists(Path.Combine(modelPath, BpeVocabulary.VocabularyFile)) || File.Exists(Path.Combine(modelPath, TokenizerJson.FileName))))
            return FromFolder(modelPath, vocabularySize);
        if (vocabularySize != 51864)
            throw new ConfigException($"{modelPath}: a {vocabularySize}-token (multilingual) model needs its own vocab.json and merges.txt (or tokenizer.json); only the English tokenizer ships with the toolkit");
        return English();
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text, considerPreTokenization: true, considerNormalization: false);

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids.Where(id => id < Special.EndOfText));

    /// <summary>Decodes long ids as the decoders return them.</summary>
    public string Decode(IEnumerable<long> ids) => Decode(ids.Select(id => (int)id));
}
