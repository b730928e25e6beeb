using Speech.Core.Errors;

namespace Speech.Core.Data.Synthesis;

/// <summary>The engines <see cref="MiniCorpusSynthesizer"/> can speak with, by name.</summary>
public static class TextToSpeechEngines
{
    public static readonly IReadOnlyDictionary<string, ITextToSpeechEngine> Named = new ITextToSpeechEngine[]
    {
        new EspeakNgEngine(), new FliteEngine(), new FestivalEngine(),
    }.ToDictionary(e => e.Name);

    public static ITextToSpeechEngine Of(string name) =>
        Named.TryGetValue(name, out var engine) ? engine
            : throw new ConfigException($"unknown text-to-speech engine '{name}'; valid: {string.Join(", ", Named.Keys)}");
}
