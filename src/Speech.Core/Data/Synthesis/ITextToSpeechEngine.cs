namespace Speech.Core.Data.Synthesis;

/// <summary>A text-to-speech program that speaks one sentence in one voice into a WAV file
/// (any rate; <see cref="MiniCorpusSynthesizer"/> trims, normalises and resamples it). Engines
/// differ in accent, prosody and signal processing, so the voices of another engine are an accent
/// shift for a model trained on espeak-ng. Implementations are deterministic: the same text and
/// voice give the same file.</summary>
public interface ITextToSpeechEngine
{
    /// <summary>The engine's name in voice labels (<c>flite:slt</c>) and the tables.</summary>
    string Name { get; }

    void Speak(string text, SynthesisVoice voice, string wavPath);

    /// <summary>sox effects applied to the engine's output before trimming: how the voice's pitch
    /// is realised where the engine has no pitch setting of its own (none for espeak-ng).</summary>
    IReadOnlyList<string> Effects(SynthesisVoice voice);
}
