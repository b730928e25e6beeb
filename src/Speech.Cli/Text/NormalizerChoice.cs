using System.CommandLine;
using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Cli.Text;

/// <summary>The <c>--normalizer</c> option shared by text and score verbs, resolved by name.</summary>
public static class NormalizerChoice
{
    public static readonly IReadOnlyList<string> Names = new[] { "whisper-english", "basic", "none" };

    public static Option<string> CreateOption(string defaultName) => new("--normalizer")
    {
        Description = $"Text normaliser: {string.Join(", ", Names)}.",
        DefaultValueFactory = _ => defaultName,
    };

    public static Option<string?> CreateSpellingOption() => new("--model-folder")
    {
        Description = "A model folder whose normalizer.json (British→American map) replaces the shipped english.json.",
    };

    public static ITextNormalizer? Resolve(string name, string? modelFolder) => name switch
    {
        "whisper-english" => new WhisperEnglishNormalizer(modelFolder is null ? null : EnglishSpellingMap.ForModelFolder(modelFolder)),
        "basic" => new BasicTextNormalizer(),
        "none" => null,
        _ => throw new ConfigException($"unknown normalizer '{name}'; valid: {string.Join(", ", Names)}"),
    };
}
