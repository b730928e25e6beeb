namespace Speech.Asr.Whisper.Training;

/// <summary>LibriSpeech-style corpora write transcripts in capitals. A Whisper model trained on them
/// would answer in capitals, and Distil-Whisper's filter drops all-capital pseudo-labels as broken,
/// so all-capital references are turned into sentence case (first letter and "I" upper).</summary>
public static class TranscriptCasing
{
    public static string ForTraining(string text)
    {
        if (text.Any(char.IsLower) || !text.Any(char.IsLetter)) return text;
        var words = text.ToLowerInvariant().Split(' ');
        for (int i = 0; i < words.Length; i++)
            if (words[i] == "i" || words[i].StartsWith("i'", StringComparison.Ordinal)) words[i] = "I" + words[i][1..];
        string lowered = string.Join(' ', words);
        int first = lowered.IndexOf(lowered.First(char.IsLetter));
        return lowered[..first] + char.ToUpperInvariant(lowered[first]) + lowered[(first + 1)..];
    }
}
