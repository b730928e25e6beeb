using Speech.Core.Text;
using Speech.Core.Tests.Data;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

public sealed class ByteLevelBpeTests
{
    [Fact]
    public void Learns_the_hand_counted_merges()
    {
        // Pieces: "ab", " ab", " ab", "abc" → (a,b) occurs 4 times, then (Ġ,ab) twice, then
        // (ab,c) once, below the minimum frequency of 2.
        var vocabulary = ByteLevelBpeTrainer.Train(new[] { "ab ab ab", "abc" }, vocabularySize: 1000);
        Assert.Equal(new[] { ("a", "b"), ("Ġ", "ab") }, vocabulary.Merges);
        Assert.Equal(258, vocabulary.Tokens.Count);
        Assert.Equal("Ġab", vocabulary.Tokens[257]);
    }

    [Fact]
    public void Saved_files_load_through_microsoft_ml_tokenizers()
    {
        using var temp = new TempDirectory();
        ByteLevelBpeTrainer.Train(new[] { "ab ab ab", "abc" }, vocabularySize: 1000).Save(temp.Path);
        Assert.StartsWith("#version: 0.2\na b\nĠ ab\n", File.ReadAllText(temp.File("merges.txt")));

        var tokenizer = ByteLevelBpeTokenizer.Load(temp.Path);
        Assert.Equal(258, tokenizer.VocabularySize);
        Assert.Equal(new[] { 256, 257 }, tokenizer.Encode("ab ab"));
        Assert.Equal(new[] { 256, 'c' }, tokenizer.Encode("abc")); // ids 0..255 are the bytes in byte order
        Assert.Equal("ab abc", tokenizer.Decode(tokenizer.Encode("ab abc")));
    }

    [Fact]
    public void Round_trips_every_mini_corpus_transcript()
    {
        string[] transcripts = MiniCorpus.Transcripts();
        Assert.NotEmpty(transcripts);
        using var temp = new TempDirectory();
        var vocabulary = ByteLevelBpeTrainer.Train(transcripts, vocabularySize: 500, specialTokens: new[] { "<|endoftext|>" });
        Assert.True(vocabulary.Tokens.Count <= 500);
        vocabulary.Save(temp.Path);

        var tokenizer = ByteLevelBpeTokenizer.Load(temp.Path);
        foreach (string text in transcripts)
        {
            var ids = tokenizer.Encode(text);
            Assert.True(ids.Count < text.Length, $"merges should shorten '{text}'");
            Assert.Equal(text, tokenizer.Decode(ids));
        }
    }
}
