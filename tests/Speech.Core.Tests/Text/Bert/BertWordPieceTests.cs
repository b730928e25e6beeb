using Microsoft.ML.Tokenizers;
using Speech.Core.Errors;
using Speech.Core.Text.Bert;
using Speech.Testing;

namespace Speech.Core.Tests.Text.Bert;

public sealed class BertWordPieceTests
{
    static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "on", "mat", "un", "##aff", "##able", "##s", "a", "b", "c",
        "##a", "##b", "##c", ",", ".", "'", "!", "caf", "##e", "hello", "world", "##t",
    ];

    static BertWordPiece Write(TempDirectory temp)
    {
        File.WriteAllLines(temp.File("vocab.txt"), Vocabulary);
        return BertWordPiece.Load(temp.File("vocab.txt"));
    }

    [Theory]
    [InlineData("the cat sat on the mat.")]
    [InlineData("The CAT, unaffable!")]
    [InlineData("cats sat on mats")]
    [InlineData("Café  hello world")]
    [InlineData("the dog sat")]                      // "dog" is not coverable: one [UNK]
    [InlineData("abc cab's bat")]
    [InlineData("hello,world!!the")]
    public void Ids_equal_microsoft_ml_tokenizers_bert_tokenizer_on_the_same_vocab_txt(string text)
    {
        using var temp = new TempDirectory();
        var ours = Write(temp);
        var reference = BertTokenizer.Create(temp.File("vocab.txt"), new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        Assert.Equal(reference.EncodeToIds(text, addSpecialTokens: false), ours.Encode(text).Ids);
    }

    /// <summary>The one difference: Hugging Face's BasicTokenizer treats tab and newline as white
    /// space, Microsoft.ML.Tokenizers 2.0.1 deletes them as control characters ("hello\tworld" → one
    /// [UNK]). We follow Hugging Face; transcripts are one line each, so it never arises there.</summary>
    [Theory]
    [InlineData("hello\tworld")]
    [InlineData("hello\nworld")]
    public void Tabs_and_newlines_separate_words_as_in_hugging_face(string text)
    {
        using var temp = new TempDirectory();
        Assert.Equal(new[] { 26, 27 }, Write(temp).Encode(text).Ids);
    }

    [Fact]
    public void A_word_the_vocabulary_cannot_cover_is_one_unk_and_counted()
    {
        using var temp = new TempDirectory();
        var encoding = Write(temp).Encode("the dog sat on the xylophone");
        Assert.Equal(new[] { 5, 1, 7, 8, 5, 1 }, encoding.Ids);
        Assert.Equal(2, encoding.UnknownWords);
    }

    [Fact]
    public void Pieces_and_specials_are_as_the_vocabulary_says()
    {
        using var temp = new TempDirectory();
        var tokenizer = Write(temp);
        Assert.Equal(new[] { 10, 11, 12 }, tokenizer.Encode("unaffable").Ids);
        Assert.Equal("unaffable cats", tokenizer.Decode(new[] { 2, 10, 11, 12, 6, 13, 3 }));
        Assert.Equal((0, 1, 2, 3, 4), (tokenizer.PadId, tokenizer.UnknownId, tokenizer.ClassificationId, tokenizer.SeparatorId, tokenizer.MaskId));
        Assert.True(tokenizer.IsSpecial(4));
        Assert.False(tokenizer.IsSpecial(5));
    }

    [Fact]
    public void The_hash_follows_the_token_list_and_a_missing_special_is_refused()
    {
        using var temp = new TempDirectory();
        var a = Write(temp);
        Assert.Equal(a.VocabularyHash, BertWordPiece.FromTokens(Vocabulary).VocabularyHash);
        Assert.NotEqual(a.VocabularyHash, BertWordPiece.FromTokens([.. Vocabulary, "dog"]).VocabularyHash);
        var error = Assert.Throws<ConfigException>(() => BertWordPiece.FromTokens(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "x"], "v.txt"));
        Assert.Contains("[MASK]", error.Message);
    }

    [Fact]
    public void A_built_vocabulary_covers_every_word_of_its_text()
    {
        string[] texts = ["In the beginning God created the heaven and the earth.", "And the earth was without form, and void."];
        var vocabulary = BertVocabularyBuilder.Build(texts, maxSize: 60, minCount: 2);
        Assert.Equal(0, texts.Sum(t => vocabulary.Encode(t).UnknownWords));
        Assert.Equal("the", vocabulary.Token(vocabulary.Encode("the").Ids.Single())); // frequent: a whole word
        Assert.Equal("in the beginning god created", vocabulary.Decode(vocabulary.Encode("In the beginning God created").Ids));
    }
}
