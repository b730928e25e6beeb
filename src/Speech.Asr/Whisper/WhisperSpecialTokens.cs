namespace Speech.Asr.Whisper;

/// <summary>Ids of Whisper's special tokens. English-only models (n_vocab 51864) use the table
/// whisper.cpp hard-wires; multilingual ones (n_vocab ≥ 51865) shift every id from end-of-text
/// on by one and have 99 or 100 language tokens.</summary>
public sealed record WhisperSpecialTokens(
    int EndOfText, int StartOfTranscript, int FirstLanguage, int LanguageCount,
    int Translate, int Transcribe, int StartOfLm, int StartOfPrevious, int NoSpeech, int NoTimestamps, int TimestampBegin)
{
    public static WhisperSpecialTokens English { get; } = new(50256, 50257, 50258, 99, 50357, 50358, 50359, 50360, 50361, 50362, 50363);

    /// <summary>The table for a vocabulary size: 51864 English; 51865 (99 languages) or 51866
    /// (large-v3, 100 languages) multilingual.</summary>
    public static WhisperSpecialTokens ForVocabulary(int vocabularySize)
    {
        if (vocabularySize == 51864) return English;
        if (vocabularySize is < 51865 or > 51866)
            throw new ArgumentException($"vocab_size {vocabularySize} is not Whisper's (51864, 51865 or 51866)");
        int languages = vocabularySize - 51865 + 99, after = 50259 + languages;
        return new(50257, 50258, 50259, languages, after, after + 1, after + 2, after + 3, after + 4, after + 5, after + 6);
    }

    /// <summary>The decoder prompt of an English-only model transcribing without timestamps.</summary>
    public IReadOnlyList<long> EnglishPrompt(bool timestamps = false) =>
        timestamps ? new long[] { StartOfTranscript } : new long[] { StartOfTranscript, NoTimestamps };

    /// <summary>Timestamp token for a time in seconds (0.02 s steps).</summary>
    public int Timestamp(double seconds) => TimestampBegin + (int)Math.Round(seconds / 0.02);

    public bool IsSpecial(long id) => id >= EndOfText;
}
