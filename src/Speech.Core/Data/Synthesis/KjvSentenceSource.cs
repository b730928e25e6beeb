using System.Text.RegularExpressions;
using Speech.Core.Errors;

namespace Speech.Core.Data.Synthesis;

/// <summary>Short natural English sentences from the King James Bible (public domain, Debian's
/// bible-kjv, read with <c>bible -f</c>): verses are cut at punctuation into clauses, kept when
/// they have the wanted number of words, upper-cased LibriSpeech-style (letters, apostrophes,
/// single spaces).</summary>
public static partial class KjvSentenceSource
{
    /// <summary>Proverbs and Psalms: short, varied clauses.</summary>
    public static readonly IReadOnlyList<string> Passages = new[]
    {
        "Pro10:1-32", "Pro11:1-31", "Pro12:1-28", "Pro13:1-25", "Pro14:1-35", "Pro15:1-33", "Pro16:1-33",
        "Pro17:1-28", "Pro18:1-24", "Pro19:1-29", "Pro20:1-30", "Psa1:1-6", "Psa19:1-14", "Psa23:1-6",
        "Psa34:1-22", "Psa37:1-40", "Psa91:1-16", "Psa103:1-22", "Psa104:1-35", "Psa145:1-21",
    };

    public static IReadOnlyList<string> Load(int minWords, int maxWords)
    {
        string text = ExternalProcess.Run("bible", new[] { "-f" }.Concat(Passages));
        var sentences = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string verse = line.Split(' ', 2) is [_, var body] ? body : "";
            foreach (string clause in ClauseBreak().Split(verse))
            {
                string cleaned = NotLetterOrApostrophe().Replace(clause.ToUpperInvariant(), " ");
                string[] words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).Where(w => w.Length > 0).ToArray();
                if (words.Length < minWords || words.Length > maxWords) continue;
                string sentence = string.Join(' ', words);
                if (seen.Add(sentence)) sentences.Add(sentence);
            }
        }
        if (sentences.Count == 0) throw new SpeechException("bible-kjv gave no usable sentences");
        return sentences;
    }

    [GeneratedRegex(@"[.,;:?!()]")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[^A-Z']+")]
    private static partial Regex NotLetterOrApostrophe();
}
