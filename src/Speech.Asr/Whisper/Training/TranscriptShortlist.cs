namespace Speech.Asr.Whisper.Training;

/// <summary>The <see cref="VocabularyShortlist"/> of a training run: every token a label can hold when
/// these transcripts are trained on.</summary>
public static class TranscriptShortlist
{
    /// <summary>A cut's sequence (its first word capitalised) and, since speaker packing joins
    /// transcripts, its words within a pack (lower case after the first); with end-of-text. Prompts
    /// are given, not predicted.</summary>
    public static VocabularyShortlist Of(IEnumerable<string> transcripts, WhisperBatchBuilder builder, long vocabularySize, TorchSharp.torch.Device? device = null)
    {
        var tokens = new HashSet<long>();
        foreach (var text in transcripts)
            foreach (var form in new[] { text, "A " + text })
            {
                var (sequence, given) = builder.TokenSequenceWithPrompt(form);
                tokens.UnionWith(sequence.Skip(given));
            }
        return new VocabularyShortlist(tokens, vocabularySize, device);
    }
}
