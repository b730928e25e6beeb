using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>BERT's WordPiece from a <c>vocab.txt</c> (one token a line, id = line number), through
/// Microsoft.ML.Tokenizers; continuation pieces carry the <c>##</c> prefix.</summary>
public sealed class WordPieceTextTokenizer : ITokenizer
{
    readonly WordPieceTokenizer tokenizer;

    WordPieceTextTokenizer(WordPieceTokenizer tokenizer, int vocabularySize) => (this.tokenizer, VocabularySize) = (tokenizer, vocabularySize);

    public int VocabularySize { get; }

    public static WordPieceTextTokenizer Load(string vocabularyPath)
    {
        if (!File.Exists(vocabularyPath)) throw new ConfigException($"{vocabularyPath}: WordPiece vocabulary not found");
        int lines = File.ReadLines(vocabularyPath).Count();
        return new WordPieceTextTokenizer(WordPieceTokenizer.Create(vocabularyPath, new WordPieceOptions()), lines);
    }

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);

    /// <summary>The pieces of <paramref name="text"/>, e.g. "unaffable" → un, ##aff, ##able.</summary>
    public IReadOnlyList<string> Pieces(string text) => tokenizer.EncodeToTokens(text, out _).Select(t => t.Value).ToList();

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids);
}
