using System.Globalization;
using System.Text;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Whisper's symbol cleaners: every mark, symbol or punctuation character (Unicode
/// categories M*, S*, P*) becomes a space; the diacritic-removing variant decomposes (NFKD), drops
/// combining marks (Mn) and spells out the letters NFKD does not split (æ → ae, ß → ss, ...).</summary>
public static class UnicodeSymbols
{
    static readonly Dictionary<char, string> AdditionalDiacritics = new()
    {
        ['œ'] = "oe", ['Œ'] = "OE", ['ø'] = "o", ['Ø'] = "O", ['æ'] = "ae", ['Æ'] = "AE",
        ['ß'] = "ss", ['ẞ'] = "SS", ['đ'] = "d", ['Đ'] = "D", ['ð'] = "d", ['Ð'] = "D",
        ['þ'] = "th", ['Þ'] = "th", ['ł'] = "l", ['Ł'] = "L",
    };

    /// <summary>False in a process with invariant globalization (no ICU): there .NET leaves
    /// strings unnormalised, which would silently keep diacritics.</summary>
    public static bool NormalizationAvailable { get; } = "\u00e9".Normalize(NormalizationForm.FormKD).Length == 2;

    /// <summary>NFKD, then: kept characters stay, extra diacritics are spelled out, Mn marks are
    /// dropped, other M/S/P characters become spaces.</summary>
    public static string RemoveSymbolsAndDiacritics(string text, string keep = "")
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in Normalize(text, NormalizationForm.FormKD).EnumerateRunes())
        {
            if (rune.IsBmp && keep.Contains((char)rune.Value)) builder.Append((char)rune.Value);
            else if (rune.IsBmp && AdditionalDiacritics.TryGetValue((char)rune.Value, out var spelled)) builder.Append(spelled);
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark) { }
            else if (IsMarkSymbolOrPunctuation(rune)) builder.Append(' ');
            else builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>NFKC, then every M/S/P character becomes a space (diacritics kept).</summary>
    public static string RemoveSymbols(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in Normalize(text, NormalizationForm.FormKC).EnumerateRunes())
            builder.Append(IsMarkSymbolOrPunctuation(rune) ? " " : rune.ToString());
        return builder.ToString();
    }

    /// <summary>ASCII needs no normalisation; other text does, and fails loudly without ICU.</summary>
    static string Normalize(string text, NormalizationForm form)
    {
        if (System.Text.Ascii.IsValid(text)) return text;
        if (!NormalizationAvailable)
            throw new SpeechException("Unicode normalisation is unavailable (the process runs with InvariantGlobalization=true); " +
                                      "non-ASCII text cannot be normalised like Whisper does. Run with ICU (InvariantGlobalization=false, libicu installed).");
        return text.Normalize(form);
    }

    static bool IsMarkSymbolOrPunctuation(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        _ => false,
    };
}
