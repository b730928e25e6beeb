using System.Globalization;
using Speech.Core.Errors;

namespace Speech.Core.Data.Synthesis;

/// <summary>The Festival Speech Synthesis System through <c>text2wave</c>: a voice is a Festival
/// voice name without its <c>voice_</c> prefix (<c>kal_diphone</c>, <c>ked_diphone</c>,
/// <c>cmu_us_slt_arctic_hts</c>, from Debian's festvox-* packages). Speed becomes Festival's
/// <c>Duration_Stretch</c> (an HTS voice's rate), pitch a shift of the output, as for <see cref="FliteEngine"/>.</summary>
public sealed class FestivalEngine : ITextToSpeechEngine
{
    public const string EngineName = "festival";

    /// <summary>Festival's <c>(voice.list)</c> (text2wave reports an unknown voice on stderr and exits 0).</summary>
    readonly Lazy<HashSet<string>> installed = new(() =>
        ExternalProcess.Run("festival", new[] { "--batch", "(print (voice.list))" }).Trim().Trim('(', ')')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());

    public string Name => EngineName;

    public void Speak(string text, SynthesisVoice voice, string wavPath)
    {
        if (!installed.Value.Contains(voice.Voice))
            throw new ConfigException($"Festival has no voice '{voice.Voice}'; installed: {string.Join(", ", installed.Value.Order(StringComparer.Ordinal))} (Debian's festvox-* packages)");
        string textFile = wavPath + ".txt";
        try
        {
            File.WriteAllText(textFile, text.ToLowerInvariant() + "\n");
            double stretch = FliteEngine.DurationStretch(voice);
            // Diphone voices follow Duration_Stretch; HTS voices ignore it and take hts_engine's
            // speaking rate (-r, above 1 is faster) instead.
            string speed = voice.Voice.EndsWith("_hts", StringComparison.Ordinal)
                ? $"(set! hts_engine_params (append hts_engine_params (list (list \"-r\" {Number(1 / stretch)}))))"
                : $"(Parameter.set 'Duration_Stretch {Number(stretch)})";
            ExternalProcess.Run("text2wave", new[] { "-eval", $"(voice_{voice.Voice})", "-eval", speed, textFile, "-o", wavPath });
        }
        finally
        {
            File.Delete(textFile);
        }
    }

    static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Effects(SynthesisVoice voice) => FliteEngine.PitchShift(voice);
}
