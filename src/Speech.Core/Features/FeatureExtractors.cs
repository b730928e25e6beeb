using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>The feature table: a name in a config or on the command line → an extractor.</summary>
public static class FeatureExtractors
{
    public static IReadOnlyList<string> Names { get; } = ["whisper-mel", "fbank"];

    /// <param name="melBins">Null keeps the kind's default (80).</param>
    public static IFeatureExtractor Create(string name, int? melBins = null, Device? device = null) => name switch
    {
        "whisper-mel" => new WhisperLogMel(new WhisperLogMelOptions { MelBins = melBins ?? 80 }, device),
        "fbank" => new KaldiFbank(new KaldiFbankOptions { MelBins = melBins ?? 80 }, device),
        _ => throw new ConfigException($"unknown feature kind '{name}'; valid: {string.Join(", ", Names)}"),
    };
}
