namespace Speech.Asr.Inference;

/// <summary>A speech recogniser over 16 kHz mono audio. Implementations: our TorchSharp Whisper
/// (batched, gives logits for KD) and Whisper.net (whisper.cpp, for ggml files).</summary>
public interface ITranscriptionEngine : IDisposable
{
    /// <summary>"torch" or "whisper.net".</summary>
    string Name { get; }

    IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio);
}
