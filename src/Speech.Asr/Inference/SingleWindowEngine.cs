using Speech.Core.Errors;

namespace Speech.Asr.Inference;

/// <summary>An engine that refuses audio longer than its model's window instead of trimming it
/// (timestamped decoding reads one window; long-form merging of timed windows is not built).</summary>
public sealed class SingleWindowEngine(ITranscriptionEngine inner, int windowSamples) : ITranscriptionEngine
{
    public string Name => inner.Name;

    public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio)
    {
        for (int i = 0; i < audio.Count; i++)
            if (audio[i].Length > windowSamples)
                throw new ConfigException($"input {i} is {audio[i].Length / 16000.0:F2} s, longer than the model's {windowSamples / 16000.0:F1} s window; " +
                                          "timestamped transcription reads one window (transcribe without --timestamps for long-form)");
        return inner.Transcribe(audio);
    }

    public void Dispose() => inner.Dispose();
}
