using Speech.Core.Text;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

public sealed class WordPieceTextTokenizerTests
{
    [Fact]
    public void Splits_into_the_longest_pieces_of_a_bert_vocabulary()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("vocab.txt"), new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "the", "cat" });
        var tokenizer = WordPieceTextTokenizer.Load(temp.File("vocab.txt"));
        Assert.Equal(10, tokenizer.VocabularySize);
        Assert.Equal(new[] { "un", "##aff", "##able" }, tokenizer.Pieces("unaffable"));
        Assert.Equal(new[] { 8, 9, 5, 6, 7 }, tokenizer.Encode("the cat unaffable"));
        Assert.Equal(new[] { 1 }, tokenizer.Encode("dog"));
    }
}
