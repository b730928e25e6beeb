using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>A byte-level BPE loaded from a Hugging Face <c>vocab.json</c> + <c>merges.txt</c>
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
        var options = new BpeOptions(vocabulary, merges)
        {
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(ByteLevelBpeTrainer.Gpt2PreTokenizer(), specialTokens),
            SpecialTokens = specialTokens,
        };
        return new ByteLevelBpeTokenizer(BpeTokenizer.Create(options));
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids);
}
