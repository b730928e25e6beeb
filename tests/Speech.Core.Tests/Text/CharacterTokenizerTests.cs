using Speech.Core.Text;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

public sealed class CharacterTokenizerTests
{
    [Fact]
    public void Ids_follow_ordinal_character_order_after_unk()
    {
        var tokenizer = CharacterTokenizer.Train(new[] { "ab", "ba c" });
        Assert.Equal(new[] { "<unk>", " ", "a", "b", "c" }, tokenizer.Tokens);
        Assert.Equal(new[] { 4, 2, 3 }, tokenizer.Encode("cab"));
        Assert.Equal(new[] { 2, 0 }, tokenizer.Encode("az"));
        Assert.Equal("ba c", tokenizer.Decode(tokenizer.Encode("ba c")));
    }

    [Fact]
    public void Saves_and_loads_the_same_vocabulary()
    {
        using var temp = new TempDirectory();
        var tokenizer = CharacterTokenizer.Train(new[] { "HELLO WORLD", "naïve \"quotes\"" });
        tokenizer.Save(temp.File("vocab.json"));
        var loaded = CharacterTokenizer.Load(temp.File("vocab.json"));
        Assert.Equal(tokenizer.Tokens, loaded.Tokens);
    }
}
