using System.Text.RegularExpressions;

namespace Speech.Core.Text;

/// <summary>Whisper's <c>EnglishTextNormalizer</c>, the normaliser behind published English WERs:
/// lower-case; drop bracketed and parenthesised text and the fillers hmm/mm/mhm/mmm/uh/um; expand
/// contractions and titles (won't → will not, mr → mister, 's → is); drop commas inside numbers
/// and periods not followed by a digit; turn symbols into spaces and strip diacritics, keeping
/// <c>. % $ ¢ € £</c>; normalise numbers (<see cref="EnglishNumberNormalizer"/>); map British
/// spellings to American; drop currency/period/percent symbols not attached to digits; collapse
/// whitespace. Like the reference, the result is not trimmed.</summary>
public sealed partial class WhisperEnglishNormalizer : ITextNormalizer
{
    /// <summary>Applied in this order (the order matters: specific forms before "n't", "'s").</summary>
    static readonly (Regex Pattern, string Replacement)[] Replacers = new (string, string)[]
    {
        // common contractions
        (@"\bwon't\b", "will not"), (@"\bcan't\b", "can not"), (@"\blet's\b", "let us"), (@"\bain't\b", "aint"),
        (@"\by'all\b", "you all"), (@"\bwanna\b", "want to"), (@"\bgotta\b", "got to"), (@"\bgonna\b", "going to"),
        (@"\bi'ma\b", "i am going to"), (@"\bimma\b", "i am going to"), (@"\bwoulda\b", "would have"),
        (@"\bcoulda\b", "could have"), (@"\bshoulda\b", "should have"), (@"\bma'am\b", "madam"),
        // titles and prefixes
        (@"\bmr\b", "mister "), (@"\bmrs\b", "missus "), (@"\bst\b", "saint "), (@"\bdr\b", "doctor "),
        (@"\bprof\b", "professor "), (@"\bcapt\b", "captain "), (@"\bgov\b", "governor "), (@"\bald\b", "alderman "),
        (@"\bgen\b", "general "), (@"\bsen\b", "senator "), (@"\brep\b", "representative "), (@"\bpres\b", "president "),
        (@"\brev\b", "reverend "), (@"\bhon\b", "honorable "), (@"\basst\b", "assistant "), (@"\bassoc\b", "associate "),
        (@"\blt\b", "lieutenant "), (@"\bcol\b", "colonel "), (@"\bjr\b", "junior "), (@"\bsr\b", "senior "),
        (@"\besq\b", "esquire "),
        // perfect tenses
        (@"'d been\b", " had been"), (@"'s been\b", " has been"), (@"'d gone\b", " had gone"), (@"'s gone\b", " has gone"),
        (@"'d done\b", " had done"), (@"'s got\b", " has got"),
        // general contractions
        (@"n't\b", " not"), (@"'re\b", " are"), (@"'s\b", " is"), (@"'d\b", " would"), (@"'ll\b", " will"),
        (@"'t\b", " not"), (@"'ve\b", " have"), (@"'m\b", " am"),
    }.Select(p => (new Regex(p.Item1, RegexOptions.Compiled | RegexOptions.CultureInvariant), p.Item2)).ToArray();

    readonly EnglishNumberNormalizer numbers = new();
    readonly EnglishSpellingMap spellings;

    /// <param name="spellings">The British → American map; null: the copy shipped with the toolkit.</param>
    public WhisperEnglishNormalizer(EnglishSpellingMap? spellings = null) =>
        this.spellings = spellings ?? EnglishSpellingMap.LoadShipped();

    public string Normalize(string text)
    {
        string s = text.ToLowerInvariant();
        s = WhisperPatterns.Brackets().Replace(s, "");
        s = WhisperPatterns.Parentheses().Replace(s, "");
        s = Fillers().Replace(s, "");
        s = SpaceBeforeApostrophe().Replace(s, "'");
        foreach (var (pattern, replacement) in Replacers) s = pattern.Replace(s, replacement);
        s = CommaBetweenDigits().Replace(s, "$1$2");
        s = PeriodNotBeforeDigit().Replace(s, " $1");
        s = UnicodeSymbols.RemoveSymbolsAndDiacritics(s, keep: ".%$¢€£");
        s = numbers.Normalize(s);
        s = spellings.Apply(s);
        s = LoneCurrencyOrPeriod().Replace(s, " $1");
        s = LonePercent().Replace(s, "$1 ");
        return WhisperPatterns.Whitespace().Replace(s, " ");
    }

    [GeneratedRegex(@"\b(hmm|mm|mhm|mmm|uh|um)\b")]
    private static partial Regex Fillers();

    [GeneratedRegex(@"\s+'")]
    private static partial Regex SpaceBeforeApostrophe();

    [GeneratedRegex(@"(\d),(\d)")]
    private static partial Regex CommaBetweenDigits();

    [GeneratedRegex(@"\.([^0-9]|$)")]
    private static partial Regex PeriodNotBeforeDigit();

    [GeneratedRegex(@"[.$¢€£]([^0-9])")]
    private static partial Regex LoneCurrencyOrPeriod();

    [GeneratedRegex(@"([^0-9])%")]
    private static partial Regex LonePercent();
}
