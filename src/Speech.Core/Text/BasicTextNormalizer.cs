namespace Speech.Core.Text;

/// <summary>Whisper's <c>BasicTextNormalizer</c> (for non-English text): lower-case, drop text in
/// <c>&lt;..&gt;</c>/<c>[..]</c> and <c>(..)</c>, turn symbols and punctuation into spaces,
/// collapse whitespace.</summary>
public sealed class BasicTextNormalizer(bool removeDiacritics = false) : ITextNormalizer
{
    public string Normalize(string text)
    {
        string s = text.ToLowerInvariant();
        s = WhisperPatterns.Brackets().Replace(s, "");
        s = WhisperPatterns.Parentheses().Replace(s, "");
        s = (removeDiacritics ? UnicodeSymbols.RemoveSymbolsAndDiacritics(s) : UnicodeSymbols.RemoveSymbols(s)).ToLowerInvariant();
        return WhisperPatterns.Whitespace().Replace(s, " ");
    }
}
