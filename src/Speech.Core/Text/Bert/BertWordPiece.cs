using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Speech.Core.Errors;

namespace Speech.Core.Text.Bert;

/// <summary>BERT's tokenizer over a <c>vocab.txt</c> (one token a line, id = line number), written out
/// so that it can say which words fell to <c>[UNK]</c>: the basic step of Hugging Face's
/// <c>BertTokenizer</c> (control characters dropped, CJK characters split, lower case, accents
/// stripped, punctuation split off) then greedy longest-match-first WordPiece with <c>##</c>
/// continuations; a word no pieces cover (or longer than 100 characters) is one <c>[UNK]</c>.
/// Its ids equal Microsoft.ML.Tokenizers' <c>BertTokenizer</c> (lower case, marks removed) on the
/// same file (tested), except that tab and newline separate words here as in Hugging Face (that
/// library deletes them).</summary>
public sealed class BertWordPiece : ITokenizer
{
    public const string FileName = "vocab.txt";
    public const string Pad = "[PAD]", Unknown = "[UNK]", Classification = "[CLS]", Separator = "[SEP]", Mask = "[MASK]";
    const int MaxWordCharacters = 100;

    readonly IReadOnlyList<string> tokens;
    readonly Dictionary<string, int> ids;

    BertWordPiece(IReadOnlyList<string> tokens, string source, string hash)
    {
        this.tokens = tokens;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++) ids.TryAdd(tokens[i], i);
        foreach (string special in new[] { Pad, Unknown, Classification, Separator, Mask })
            if (!ids.ContainsKey(special)) throw new ConfigException($"{source}: the special token {special} is missing");
        (PadId, UnknownId, ClassificationId, SeparatorId, MaskId) = (ids[Pad], ids[Unknown], ids[Classification], ids[Separator], ids[Mask]);
        VocabularyHash = hash;
    }

    public int PadId { get; }
    public int UnknownId { get; }
    public int ClassificationId { get; }
    public int SeparatorId { get; }
    public int MaskId { get; }
    public int VocabularySize => tokens.Count;

    /// <summary>sha256 of the token list (one a line): targets made with one vocabulary are refused by another.</summary>
    public string VocabularyHash { get; }

    public string Token(int id) => tokens[id];

    /// <summary>Whether <paramref name="id"/> is one of the bracketed special tokens ([PAD], [UNK], [CLS], [SEP], [MASK], [unused..]).</summary>
    public bool IsSpecial(int id) => tokens[id].Length > 2 && tokens[id][0] == '[' && tokens[id][^1] == ']';

    public static BertWordPiece Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: WordPiece vocabulary (vocab.txt) not found");
        var lines = File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return FromTokens(lines, path);
    }

    public static BertWordPiece FromTokens(IReadOnlyList<string> tokens, string source = "vocabulary")
    {
        string text = string.Join("\n", tokens) + "\n";
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new BertWordPiece(tokens.ToList(), source, hash);
    }

    public void Save(string path) => IO.AtomicFile.WriteText(path, string.Join("\n", tokens) + "\n");

    IReadOnlyList<int> ITokenizer.Encode(string text) => Encode(text).Ids;

    public WordPieceEncoding Encode(string text)
    {
        var result = new List<int>();
        int unknown = 0;
        foreach (string word in Words(text))
        {
            var pieces = Pieces(word);
            if (pieces is null) { result.Add(UnknownId); unknown++; }
            else result.AddRange(pieces);
        }
        return new WordPieceEncoding(result, unknown);
    }

    /// <summary>Pieces joined back into words (<c>##</c> continuations glued on), specials left out.</summary>
    public string Decode(IEnumerable<int> pieceIds)
    {
        var text = new StringBuilder();
        foreach (int id in pieceIds)
        {
            if (id < 0 || id >= tokens.Count || (IsSpecial(id) && id != UnknownId)) continue;
            string token = tokens[id];
            if (token.StartsWith("##", StringComparison.Ordinal) && text.Length > 0) text.Append(token, 2, token.Length - 2);
            else text.Append(text.Length > 0 ? " " : "").Append(token);
        }
        return text.ToString();
    }

    /// <summary>The basic tokenizer's words: lower-cased, accents stripped, punctuation a word of its own.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == 0 || c == '\uFFFD' || (IsControl(c) && !char.IsWhiteSpace(c))) continue;
            if (IsCjk(c)) cleaned.Append(' ').Append(c).Append(' ');
            else cleaned.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        foreach (string raw in cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string word = StripAccents(raw.ToLowerInvariant());
            int start = 0;
            for (int i = 0; i < word.Length; i++)
            {
                if (!IsPunctuation(word[i])) continue;
                if (i > start) yield return word[start..i];
                yield return word[i].ToString();
                start = i + 1;
            }
            if (start < word.Length) yield return word[start..];
        }
    }

    /// <summary>Greedy longest-match-first pieces of one word; null when they cannot cover it.</summary>
    List<int>? Pieces(string word)
    {
        if (word.Length > MaxWordCharacters) return null;
        var pieces = new List<int>();
        for (int start = 0; start < word.Length;)
        {
            int end = word.Length, found = -1;
            for (; end > start; end--)
            {
                string piece = start > 0 ? "##" + word[start..end] : word[start..end];
                if (ids.TryGetValue(piece, out found)) break;
                found = -1;
            }
            if (found < 0) return null;
            pieces.Add(found);
            start = end;
        }
        return pieces;
    }

    static string StripAccents(string word)
    {
        string decomposed = word.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) kept.Append(c);
        return kept.ToString();
    }

    static bool IsControl(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;

    static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~' || char.IsPunctuation(c);

    static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
