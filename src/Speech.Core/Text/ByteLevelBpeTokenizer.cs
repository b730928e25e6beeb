using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>A byte-level BPE loaded from a Hugging Face <c>vocab.json</c> + <c>merges.txt</c> (or <c>tokenizer.json</c>)
/// through Microsoft.ML.Tokenizers (GPT-2 pre-tokeniser, byte-level symbols), so what
/// <see cref="ByteLevelBpeTrainer"/> saves is read by the same code as any GPT-2-style folder.</summary>
public sealed class ByteLevelBpeTokenizer : ITokenizer
{
    readonly BpeTokenizer tokenizer;

    ByteLevelBpeTokenizer(BpeTokenizer tokenizer) => this.tokenizer = tokenizer;

    public int VocabularySize => tokenizer.Vocabulary.Count;

    public Tokenizer Inner => tokenizer;

    public static ByteLevelBpeTokenizer Load(string directory, IReadOnlyDictionary<string, int>? specialTokens = null)
    {
        string vocabulary = Path.Combine(directory, BpeVocabulary.VocabularyFile);
        string merges = Path.Combine(directory, BpeVocabulary.MergesFile);
        foreach (string file in new[] { vocabulary, merges })
            if (!File.Exists(file)) throw new ConfigException($"{file}: BPE file not found");
        return Create(new BpeOptions(vocabulary, merges), specialTokens);
    }

    /// <summary>The same tokenizer from a Hugging Face <c>tokenizer.json</c> alone.</summary>
    public static ByteLevelBpeTokenizer FromTokenizerJson(TokenizerJson file, IReadOnlyDictionary<string, int>? specialTokens = null) =>
        Create(new BpeOptions(file.Vocabulary) { Merges = file.Merges }, specialTokens);

    static ByteLevelBpeTokenizer Create(BpeOptions options, IReadOnlyDictionary<string, int>? specialTokens)
    {
        options.ByteLevel = true;
        options.PreTokenizer = new RegexPreTokenizer(ByteLevelBpeTrainer.Gpt2PreTokenizer(), specialTokens);
        options.SpecialTokens = specialTokens;
        return new ByteLevelBpeTokenizer(BpeTokenizer.Create(options));
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids);
}
