using System.Text;
using Speech.Asr.Whisper;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperTokenizerTests
{
    static readonly WhisperTokenizer Tokenizer = WhisperTokenizer.English();

    /// <summary>The rank of a byte string read straight from the shipped rank file.</summary>
    static int RankInFile(string token)
    {
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        string line = File.ReadLines(WhisperTokenizer.DefaultRanksPath).First(l => l.StartsWith(encoded + " ", StringComparison.Ordinal));
        return int.Parse(line.Split(' ')[1]);
    }

    [Fact]
    public void Encodes_known_gpt2_ids()
    {
        // GPT-2's well-known ids: "Hello" 15496, " world" 995; cross-checked with the rank file.
        Assert.Equal(15496, RankInFile("Hello"));
        Assert.Equal(995, RankInFile(" world"));
        Assert.Equal(new[] { 15496, 995 }, Tokenizer.Encode("Hello world"));
    }

    [Fact]
    public void Splits_words_as_the_gpt2_pattern_does()
    {
        // "don't" pre-tokenises to "don" + "'t"; each is one token in the rank file.
        var ids = Tokenizer.Encode(" don't");
        Assert.Equal(new[] { RankInFile(" don"), RankInFile("'t") }, ids);
    }

    [Theory]
    [InlineData(" AND GOD SAID, LET THERE BE LIGHT: AND THERE WAS LIGHT.")]
    [InlineData(" naïve café — 42 × 7 ≠ 300 ♪")]
    [InlineData("  two  spaces\tand a tab")]
    public void Round_trips_text(string text) => Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));

    [Fact]
    public void Decoding_drops_special_tokens()
    {
        var special = Tokenizer.Special;
        var ids = new List<int> { special.StartOfTranscript, special.NoTimestamps };
        ids.AddRange(Tokenizer.Encode(" hi"));
        ids.Add(special.EndOfText);
        Assert.Equal(" hi", Tokenizer.Decode(ids));
    }

    [Fact]
    public void Special_ids_match_the_english_table_and_shift_for_multilingual()
    {
        var english = WhisperSpecialTokens.English;
        Assert.Equal((50256, 50257, 50362, 50363), (english.EndOfText, english.StartOfTranscript, english.NoTimestamps, english.TimestampBegin));
        Assert.Equal(50363 + 1500, english.Timestamp(30.0));
        var multilingual = WhisperSpecialTokens.ForVocabulary(51865); // whisper.cpp: eot 50257, sot 50258, not 50363, beg 50364
        Assert.Equal((50257, 50258, 50358, 50359, 50363, 50364), (multilingual.EndOfText, multilingual.StartOfTranscript,
            multilingual.Translate, multilingual.Transcribe, multilingual.NoTimestamps, multilingual.TimestampBegin));
        var v3 = WhisperSpecialTokens.ForVocabulary(51866); // one more language
        Assert.Equal(50365, v3.TimestampBegin);
    }
}
