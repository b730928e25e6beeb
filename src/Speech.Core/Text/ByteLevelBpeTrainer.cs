using System.Text;
using System.Text.RegularExpressions;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Trains a GPT-2-style byte-level BPE: texts are split by the GPT-2 pre-tokeniser
/// pattern, each piece becomes UTF-8 bytes written in GPT-2's byte alphabet, and the most frequent
/// adjacent pair is merged until the vocabulary is full or no pair occurs
/// <c>minFrequency</c> times. Ties go to the ordinally smallest pair, so training is
/// deterministic.</summary>
public static partial class ByteLevelBpeTrainer
{
    /// <summary>GPT-2's pre-tokeniser (contractions, letters, digits, other symbols, spaces).</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static BpeVocabulary Train(IEnumerable<string> texts, int vocabularySize, int minFrequency = 2, IReadOnlyList<string>? specialTokens = null)
    {
        specialTokens ??= Array.Empty<string>();
        if (vocabularySize < 256 + specialTokens.Count)
            throw new ConfigException($"a byte-level BPE needs at least {256 + specialTokens.Count} tokens, got {vocabularySize}");

        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (Match piece in Gpt2PreTokenizer().Matches(text))
            {
                string symbols = GptByteAlphabet.Encode(Encoding.UTF8.GetBytes(piece.Value));
                wordCounts[symbols] = wordCounts.GetValueOrDefault(symbols) + 1;
            }
        var words = wordCounts.Select(p => (Symbols: p.Key.Select(c => c.ToString()).ToList(), Count: p.Value)).ToList();

        var tokens = GptByteAlphabet.ByteToChar.Select(c => c.ToString()).ToList();
        var known = new HashSet<string>(tokens, StringComparer.Ordinal);
        var merges = new List<(string, string)>();
        while (tokens.Count + specialTokens.Count < vocabularySize)
        {
            var best = MostFrequentPair(words);
            if (best is null || best.Value.Count < minFrequency) break;
            var (left, right) = best.Value.Pair;
            merges.Add((left, right));
            string merged = left + right;
            if (known.Add(merged)) tokens.Add(merged);
            foreach (var word in words) MergeInPlace(word.Symbols, left, right, merged);
        }
        foreach (string special in specialTokens)
            if (known.Add(special)) tokens.Add(special);
        return new BpeVocabulary(tokens, merges, specialTokens);
    }

    static ((string, string) Pair, long Count)? MostFrequentPair(List<(List<string> Symbols, long Count)> words)
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (var (symbols, count) in words)
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                var pair = (symbols[i], symbols[i + 1]);
                counts[pair] = counts.GetValueOrDefault(pair) + count;
            }
        ((string, string) Pair, long Count)? best = null;
        foreach (var (pair, count) in counts)
            if (best is null || count > best.Value.Count || (count == best.Value.Count && ComparePairs(pair, best.Value.Pair) < 0))
                best = (pair, count);
        return best;
    }

    static int ComparePairs((string, string) a, (string, string) b)
    {
        int first = string.CompareOrdinal(a.Item1, b.Item1);
        return first != 0 ? first : string.CompareOrdinal(a.Item2, b.Item2);
    }

    static void MergeInPlace(List<string> symbols, string left, string right, string merged)
    {
        for (int i = 0; i + 1 < symbols.Count; i++)
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                symbols[i] = merged;
                symbols.RemoveAt(i + 1);
            }
    }

    [GeneratedRegex(Gpt2Pattern)]
    internal static partial Regex Gpt2PreTokenizer();
}
