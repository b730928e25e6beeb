using System.Text;
using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Captioning.Model;

/// <summary>A word vocabulary built from training captions: 0 &lt;pad&gt;, 1 &lt;bos&gt;, 2 &lt;eos&gt;,
/// 3 &lt;unk&gt;, then words by falling frequency (ties in ordinal order). Captions are normalised
/// first (<see cref="Normalize"/>): lower case, letters, digits and apostrophes, single spaces, the
/// same pre-tokenised form the caption metrics compare.</summary>
public sealed class CaptionVocabulary
{
    public const string FileName = "vocab.json";
    public const int Pad = 0, Bos = 1, Eos = 2, Unk = 3;
    static readonly string[] Specials = ["<pad>", "<bos>", "<eos>", "<unk>"];

    readonly string[] words;
    readonly Dictionary<string, int> ids;

    CaptionVocabulary(string[] words)
    {
        this.words = words;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) ids.TryAdd(words[i], i);
    }

    public int Size => words.Length;

    public static CaptionVocabulary Build(IEnumerable<string> captions, int minCount = 1)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string caption in captions)
            foreach (string word in Normalize(caption).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var kept = counts.Where(p => p.Value >= minCount).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key);
        return new CaptionVocabulary([.. Specials, .. kept]);
    }

    /// <summary>Lower case; anything but letters, digits and apostrophes becomes a space; spaces collapsed.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
            builder.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : ' ');
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Word ids of a caption (no bos/eos), at most <paramref name="maxLength"/> words.</summary>
    public int[] Encode(string caption, int maxLength = int.MaxValue) =>
        Normalize(caption).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(maxLength)
            .Select(w => ids.TryGetValue(w, out int id) ? id : Unk).ToArray();

    /// <summary>Words of ids, stopping at the first end token; padding and bos dropped.</summary>
    public string Decode(IEnumerable<long> tokens) =>
        string.Join(' ', tokens.TakeWhile(t => t != Eos).Where(t => t != Pad && t != Bos).Select(t => words[(int)t]));

    public void Save(string folder) =>
        Speech.Core.IO.AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(words));

    public static CaptionVocabulary Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new CheckpointException($"{path}: missing (the model's words)");
        string[]? words;
        try { words = JsonSerializer.Deserialize<string[]>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new CheckpointException($"{path}: not a word list ({e.Message})"); }
        if (words is null || words.Length < Specials.Length || !words.Take(Specials.Length).SequenceEqual(Specials))
            throw new CheckpointException($"{path}: expected a JSON array starting with {string.Join(", ", Specials)}");
        return new CaptionVocabulary(words);
    }
}
