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

    /// <summary>Every chapter of Proverbs, Psalms and Ecclesiastes (the verse range is clamped by
    /// <c>bible</c>): thousands of clauses, enough for a training set whose vocabulary covers the
    /// mini corpus' held-out sentences without containing them.</summary>
    public static readonly IReadOnlyList<string> WisdomBooks =
        Enumerable.Range(1, 31).Select(c => $"Pro{c}:1-200")
            .Concat(Enumerable.Range(1, 150).Select(c => $"Psa{c}:1-200"))
            .Concat(Enumerable.Range(1, 12).Select(c => $"Ecc{c}:1-200")).ToList();

    /// <summary>The wisdom books and the Bible's other long books (the Pentateuch, Job, Isaiah,
    /// Jeremiah, four of the New Testament's): over 35,000 clauses of 3–8 words.</summary>
    public static readonly IReadOnlyList<string> ManyBooks = WisdomBooks.Concat(
        new (string Book, int Chapters)[] { ("Gen", 50), ("Exo", 40), ("Lev", 27), ("Num", 36), ("Deu", 34), ("Job", 42), ("Isa", 66),
            ("Jer", 52), ("Mat", 28), ("Luk", 24), ("Joh", 21), ("Rom", 16) }
        .SelectMany(b => Enumerable.Range(1, b.Chapters).Select(c => $"{b.Book}{c}:1-200"))).ToList();

    /// <summary>Named passage sets for <c>speech data synth --passages</c>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Named = new Dictionary<string, IReadOnlyList<string>>
    {
        ["mini"] = Passages,
        ["wisdom"] = WisdomBooks,
        ["books"] = ManyBooks,
    };

    public static IReadOnlyList<string> Load(int minWords, int maxWords, IReadOnlyList<string>? passages = null)
    {
        string text = ExternalProcess.Run("bible", new[] { "-f" }.Concat(passages ?? Passages));
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
