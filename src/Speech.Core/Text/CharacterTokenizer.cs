using System.Text;
using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>One token per character (a Unicode scalar), for CTC models on small corpora. Id 0 is
/// <c>&lt;unk&gt;</c>, which unseen characters map to; the others are the corpus' characters in
/// ordinal order, so the same texts always give the same ids. Saved as a <c>vocab.json</c>
/// (token → id).</summary>
public sealed class CharacterTokenizer : ITokenizer
{
    public const string UnknownToken = "<unk>";

    readonly IReadOnlyList<string> tokens;
    readonly Dictionary<string, int> ids;

    public CharacterTokenizer(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || tokens[0] != UnknownToken) throw new ConfigException($"a character vocabulary starts with {UnknownToken}");
        this.tokens = tokens;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            if (!ids.TryAdd(tokens[i], i)) throw new ConfigException($"character vocabulary repeats '{tokens[i]}'");
    }

    public int VocabularySize => tokens.Count;

    public IReadOnlyList<string> Tokens => tokens;

    public static CharacterTokenizer Train(IEnumerable<string> texts)
    {
        var characters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (var rune in text.EnumerateRunes()) characters.Add(rune.ToString());
        return new CharacterTokenizer(new[] { UnknownToken }.Concat(characters).ToList());
    }

    public IReadOnlyList<int> Encode(string text) =>
        text.EnumerateRunes().Select(rune => ids.TryGetValue(rune.ToString(), out int id) ? id : 0).ToList();

    public string Decode(IEnumerable<int> ids)
    {
        var builder = new StringBuilder();
        foreach (int id in ids)
        {
            if (id < 0 || id >= tokens.Count) throw new ArgumentOutOfRangeException(nameof(ids), $"token id {id} is outside 0..{tokens.Count - 1}");
            builder.Append(tokens[id]);
        }
        return builder.ToString();
    }

    public void Save(string vocabularyPath)
    {
        var map = tokens.Select((token, id) => KeyValuePair.Create(token, id)).ToDictionary();
        File.WriteAllText(vocabularyPath, JsonSerializer.Serialize(map, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static CharacterTokenizer Load(string vocabularyPath)
    {
        if (!File.Exists(vocabularyPath)) throw new ConfigException($"{vocabularyPath}: vocabulary not found");
        var map = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabularyPath))
            ?? throw new ConfigException($"{vocabularyPath}: empty vocabulary");
        var ordered = map.OrderBy(p => p.Value).ToList();
        for (int i = 0; i < ordered.Count; i++)
            if (ordered[i].Value != i) throw new ConfigException($"{vocabularyPath}: ids must be 0..{ordered.Count - 1} without gaps");
        return new CharacterTokenizer(ordered.Select(p => p.Key).ToList());
    }
}
