using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Whisper's British → American spelling map (<c>english.json</c>; Hugging Face model
/// folders ship the same content as <c>normalizer.json</c>), applied word by word.</summary>
public sealed class EnglishSpellingMap
{
    /// <summary>Where the build puts the shipped copy, relative to the binaries.</summary>
    public const string ShippedRelativePath = "assets/whisper/english.json";

    readonly IReadOnlyDictionary<string, string> mapping;

    public EnglishSpellingMap(IReadOnlyDictionary<string, string> mapping) => this.mapping = mapping;

    public int Count => mapping.Count;

    public static EnglishSpellingMap Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: spelling map not found");
        try
        {
            using var stream = File.OpenRead(path);
            var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new ConfigException($"{path}: spelling map is empty");
            return new EnglishSpellingMap(mapping);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: not a JSON object of strings ({e.Message})", e);
        }
    }

    /// <summary>The copy shipped next to the binaries.</summary>
    public static EnglishSpellingMap LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, ShippedRelativePath));

    /// <summary>A model folder's <c>normalizer.json</c> when it has one, else the shipped copy.</summary>
    public static EnglishSpellingMap ForModelFolder(string folder)
    {
        string candidate = Path.Combine(folder, "normalizer.json");
        return File.Exists(candidate) ? Load(candidate) : LoadShipped();
    }

    public string Apply(string text) =>
        string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => mapping.TryGetValue(word, out var american) ? american : word));
}
