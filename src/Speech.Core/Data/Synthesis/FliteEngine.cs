using System.Globalization;
using Speech.Core.Errors;

namespace Speech.Core.Data.Synthesis;

/// <summary>Flite (CMU's small Festival): its built-in voices <c>slt</c> (US female), <c>awb</c>
/// (Scottish male), <c>rms</c> (US male; these three are clustergen statistical voices) and
/// <c>kal16</c>/<c>kal</c> (US male diphones). Speed becomes flite's duration stretch (175 words
/// per minute, espeak-ng's default, is 1.0); pitch, which flite sets per voice in Hz, becomes a
/// shift of the output (<see cref="PitchShift"/>).</summary>
public sealed class FliteEngine : ITextToSpeechEngine
{
    public const string EngineName = "flite";

    /// <summary><c>flite -lv</c>'s list (flite falls back to its default voice on a name it lacks, silently).</summary>
    readonly Lazy<HashSet<string>> installed = new(() =>
        ExternalProcess.Run("flite", new[] { "-lv" }).Replace("Voices available:", "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());

    public string Name => EngineName;

    public void Speak(string text, SynthesisVoice voice, string wavPath)
    {
        if (!installed.Value.Contains(voice.Voice))
            throw new ConfigException($"flite has no voice '{voice.Voice}'; installed: {string.Join(", ", installed.Value.Order(StringComparer.Ordinal))}");
        ExternalProcess.Run("flite", new[]
        {
            "-voice", voice.Voice, "--setf", "duration_stretch=" + DurationStretch(voice).ToString("0.0000", CultureInfo.InvariantCulture),
            "-t", text.ToLowerInvariant(), "-o", wavPath,
        });
    }

    public IReadOnlyList<string> Effects(SynthesisVoice voice) => PitchShift(voice);

    /// <summary>espeak-ng's speed scale turned into a duration factor: 175 wpm is 1.0, faster is shorter.</summary>
    public static double DurationStretch(SynthesisVoice voice) => 175.0 / voice.WordsPerMinute;

    /// <summary>espeak-ng's pitch scale (50 = the voice's own) as a sox pitch shift of 4 cents a
    /// step: the generator's 25-79 become -100..+116 cents, about a semitone each way.</summary>
    public static IReadOnlyList<string> PitchShift(SynthesisVoice voice) =>
        voice.Pitch == 50 ? Array.Empty<string>() : new[] { "pitch", ((voice.Pitch - 50) * 4).ToString(CultureInfo.InvariantCulture) };
}
