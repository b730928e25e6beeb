namespace Speech.Core.Data.Synthesis;

/// <summary>espeak-ng (formant synthesis): a voice is <c>language+variant</c>
/// (<c>en-gb-scotland+m1</c>), pitch (0-99) and speed (words per minute) are its own settings.</summary>
public sealed class EspeakNgEngine : ITextToSpeechEngine
{
    public const string EngineName = "espeak-ng";

    public string Name => EngineName;

    public void Speak(string text, SynthesisVoice voice, string wavPath) =>
        ExternalProcess.Run("espeak-ng", new[]
        {
            "-v", voice.Voice, "-p", voice.Pitch.ToString(), "-s", voice.WordsPerMinute.ToString(), "-w", wavPath, text.ToLowerInvariant(),
        });

    public IReadOnlyList<string> Effects(SynthesisVoice voice) => Array.Empty<string>();
}
