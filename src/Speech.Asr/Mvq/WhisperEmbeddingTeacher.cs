using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Loading;
using Speech.Core.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A Whisper encoder's block output as MVQ teacher embeddings: the cut fitted into the
/// model's window as in transcription (zero-padded), the mel spectrogram, the encoder with its block
/// outputs kept, and the frames that cover the audio (two mel frames each, 20 ms).</summary>
public sealed class WhisperEmbeddingTeacher : IEmbeddingTeacher
{
    readonly LoadedWhisper whisper;
    readonly WhisperLogMel mel;
    readonly int layer;

    /// <param name="layer">Block whose output is used, 1 … encoder layers (1-based, as icefall's --embedding-layer).</param>
    public WhisperEmbeddingTeacher(LoadedWhisper whisper, int layer)
    {
        int layers = whisper.Model.Encoder.LayerCount;
        if (layer < 1 || layer > layers)
            throw new Speech.Core.Errors.ConfigException($"{whisper.Path}: layer {layer} does not exist (the encoder has layers 1 to {layers})");
        this.whisper = whisper;
        this.layer = layer;
        mel = new WhisperLogMel(new WhisperLogMelOptions { MelBins = whisper.Model.Config.NumMelBins, PadToThirtySeconds = false }, whisper.Device);
    }

    public string Description => $"whisper {Path.GetFileName(Path.TrimEndingDirectorySeparator(whisper.Path))} encoder layer {layer}";
    public int Dim => whisper.Model.Config.DModel;
    public double FrameShift => 2.0 * WhisperLogMelOptions.HopLength / WhisperLogMelOptions.SampleRate;

    public Tensor Embed(float[] samples)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        int window = AudioWindow.Samples(whisper.Model.Config);
        var (features, _) = mel.ExtractBatch(new[] { AudioWindow.Fit(samples, window) }); // [1, T, F]
        var input = features.transpose(1, 2).contiguous().to(whisper.Model.parameters().First().dtype); // [1, F, T]
        var states = new List<Tensor>();
        whisper.Model.Encoder.Forward(input, states);
        long frames = Math.Min(states[layer].shape[1], (Math.Min(samples.Length, window) + 2 * WhisperLogMelOptions.HopLength - 1) / (2 * WhisperLogMelOptions.HopLength));
        return states[layer][0].narrow(0, 0, Math.Max(1, frames)).to(ScalarType.Float32).cpu().MoveToOuterDisposeScope(); // [T, D]
    }

    public void Dispose()
    {
        mel.Dispose();
        whisper.Dispose();
    }
}
