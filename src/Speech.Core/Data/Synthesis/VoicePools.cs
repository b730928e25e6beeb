using Speech.Core.Errors;

namespace Speech.Core.Data.Synthesis;

/// <summary>Named voice pools for <c>speech data synth --voices</c>: speaker s speaks with pool
/// entry s mod its size (an <c>engine:voice</c> label), with its own pitch and speed.
/// <c>training</c> is the espeak-ng pool every training corpus uses. The two evaluation pools share
/// no voice with it nor with each other: their espeak-ng voices use variants no training voice uses
/// (and the New York accent, which none uses), and they add flite and Festival voices, an accent and
/// signal shift. Voices of one human speaker (slt in flite and Festival; kal in both) stay in one
/// pool, so dev and test never share a person.</summary>
public static class VoicePools
{
    public const string Training = "training";
    public const string EvaluationTest = "eval-test";
    public const string EvaluationDev = "eval-dev";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Named = new Dictionary<string, IReadOnlyList<string>>
    {
        [Training] = SynthesisVoice.EnglishVoices.Select(v => $"{EspeakNgEngine.EngineName}:{v}").ToList(),
        [EvaluationTest] = new[]
        {
            "espeak-ng:en-us-nyc+m6", "flite:slt", "espeak-ng:en-us+Annie", "festival:kal_diphone", "espeak-ng:en-gb-x-rp+edward",
            "flite:kal16", "espeak-ng:en-gb-scotland+linda", "festival:cmu_us_slt_arctic_hts", "espeak-ng:en-029+john", "espeak-ng:en-gb-x-gbcwmd+steph",
        },
        [EvaluationDev] = new[]
        {
            "espeak-ng:en-us+Andy", "flite:awb", "espeak-ng:en+anika", "festival:ked_diphone", "espeak-ng:en-gb-x-gbclan+david",
            "flite:rms", "espeak-ng:en-gb-scotland+paul", "espeak-ng:en-029+belinda", "espeak-ng:en-gb-x-rp+m8",
        },
    };

    public static IReadOnlyList<string> Of(string name) =>
        Named.TryGetValue(name, out var pool) ? pool
            : throw new ConfigException($"unknown voice pool '{name}'; valid: {string.Join(", ", Named.Keys)}");

    /// <summary>Splits an <c>engine:voice</c> label (a label without an engine is espeak-ng's).</summary>
    public static (string Engine, string Voice) Parse(string label) =>
        label.IndexOf(':') is var colon and >= 0 ? (label[..colon], label[(colon + 1)..]) : (EspeakNgEngine.EngineName, label);
}
