using System.Text.RegularExpressions;

namespace Speech.Core.Text;

/// <summary>Regular expressions the Whisper normalisers share.</summary>
internal static partial class WhisperPatterns
{
    /// <summary>Words between angle or square brackets (<c>[noise]</c>, <c>&lt;unk&gt;</c>).</summary>
    [GeneratedRegex(@"[<\[][^>\]]*[>\]]")]
    public static partial Regex Brackets();

    /// <summary>Words between parentheses (non-greedy, at least one character).</summary>
    [GeneratedRegex(@"\(([^)]+?)\)")]
    public static partial Regex Parentheses();

    [GeneratedRegex(@"\s+")]
    public static partial Regex Whitespace();
}
