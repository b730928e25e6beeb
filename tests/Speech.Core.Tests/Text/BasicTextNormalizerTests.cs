using Speech.Core.Text;

namespace Speech.Core.Tests.Text;

/// <summary>Whisper's basic normaliser: lower-case, bracketed text dropped, every symbol and
/// punctuation mark a space, diacritics kept unless asked, whitespace collapsed (not trimmed).</summary>
public sealed class BasicTextNormalizerTests
{
    [Theory]
    [InlineData("Hello, World!", "hello world ")]
    [InlineData("[noise] Bonjour (rires) <unk>le monde", " bonjour le monde")]
    [InlineData("Ça va? Très bien.", "ça va très bien ")]
    [InlineData("don't", "don t")]
    [InlineData("a\t\tb\nc", "a b c")]
    public void Keeps_diacritics(string input, string expected) =>
        Assert.Equal(expected, new BasicTextNormalizer().Normalize(input));

    [Theory]
    [InlineData("Ça va? Très bien.", "ca va tres bien ")]
    [InlineData("Straße, œuvre", "strasse oeuvre")]
    public void Removes_diacritics_when_asked(string input, string expected) =>
        Assert.Equal(expected, new BasicTextNormalizer(removeDiacritics: true).Normalize(input));
}
