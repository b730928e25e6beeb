using Speech.Core.Text;
using Speech.Testing;

namespace Speech.Core.Tests.Text;

/// <summary>Whisper English normaliser against a table derived by hand from the rules of
/// transformers' <c>english_normalizer.py</c> (methods.md §1.3) and cross-checked with a
/// transcription of that Python code: contractions, titles, fillers, brackets, numbers,
/// currencies, percentages, diacritics and the British → American map. Quirks of the reference
/// are kept on purpose ("oh" reads as zero; "one dollar" leaves a leading space).</summary>
public sealed class WhisperEnglishNormalizerTests
{
    static readonly WhisperEnglishNormalizer Normalizer = new();

    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("I won't go.", "i will not go")]
    [InlineData("We can't stop", "we can not stop")]
    [InlineData("Let's eat", "let us eat")]
    [InlineData("He's been there", "he has been there")]
    [InlineData("She's happy", "she is happy")]
    [InlineData("They're here", "they are here")]
    [InlineData("I'd go", "i would go")]
    [InlineData("We'll see", "we will see")]
    [InlineData("I've seen it", "i have seen it")]
    [InlineData("I'm fine", "i am fine")]
    [InlineData("You don't know", "you do not know")]
    [InlineData("Mr. Smith", "mister smith")]
    [InlineData("Dr Jones and Mrs Brown", "doctor jones and missus brown")]
    [InlineData("St. Paul", "saint paul")]
    [InlineData("Gen. Lee", "general lee")]
    [InlineData("Uh, I think, um, yes", "i think yes")]
    [InlineData("Hmm that is mhm right", "that is right")]
    [InlineData("hello [noise] world", "hello world")]
    [InlineData("hello <unk> world", "hello world")]
    [InlineData("hello (laughs) world", "hello world")]
    [InlineData("twenty one", "21")]
    [InlineData("one hundred and five", "105")]
    [InlineData("two thousand and twenty", "2020")]
    [InlineData("nineteen ninety nine", "1999")]
    [InlineData("one oh one", "101")]
    [InlineData("double five", "55")]
    [InlineData("triple zero", "000")]
    [InlineData("two point five", "2.5")]
    [InlineData("three and a half", "3.5")]
    [InlineData("twenty dollars", "$20")]
    [InlineData("five cents", "¢5")]
    [InlineData("two dollars and seven cents", "$2.07")]
    [InlineData("$20 million", "$20000000")]
    [InlineData("fifty percent", "50%")]
    [InlineData("ten per cent", "10%")]
    [InlineData("1,000,000 people", "1000000 people")]
    [InlineData("the 1960s", "the 1960s")]
    [InlineData("the twenty first century", "the 21st century")]
    [InlineData("the fifth of november", "the 5th of november")]
    [InlineData("one", "one")]
    [InlineData("minus five", "-5")]
    [InlineData("Café au lait", "cafe au lait")]
    [InlineData("colour of the theatre", "color of the theater")]
    [InlineData("3.5 kg", "3.5 kg")]
    [InlineData("It costs $5.", "it costs $5")]
    [InlineData("the 2nd time", "the 2nd time")]
    [InlineData("Y'all gonna wanna see", "you all going to want to see")]
    [InlineData("Ma'am", "madam")]
    [InlineData("He ain't here", "he aint here")]
    [InlineData("I 'm here", "i am here")]
    [InlineData("a.b.c", "a b c")]
    [InlineData("the year two thousand", "the year 2000")]
    [InlineData("twelfth night", "12th night")]
    [InlineData("the sixties", "the 60s")]
    [InlineData("oh my", "0 my")]
    [InlineData("A&B", "a b")]
    [InlineData("100%", "100%")]
    [InlineData("[Music]", "")]
    [InlineData("one two three", "123")]
    [InlineData("twenty twenty", "2020")]
    [InlineData("could've been", "could have been")]
    [InlineData("€5 and 50 cents", "€5.50")]
    [InlineData("one dollar", " one")]
    [InlineData("one and a half million", "1500000")]
    [InlineData("ninety nine percent", "99%")]
    public void Matches_the_reference_rules(string input, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(input));

    [Fact]
    public void A_model_folder_normalizer_json_replaces_the_shipped_map()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("normalizer.json"), """{"grey": "gray"}""");
        var normalizer = new WhisperEnglishNormalizer(EnglishSpellingMap.ForModelFolder(folder.Path));
        Assert.Equal("gray colour", normalizer.Normalize("Grey colour"));
    }

    [Fact]
    public void The_shipped_map_is_whispers_full_list() =>
        Assert.Equal(1739, EnglishSpellingMap.LoadShipped().Count);
}
