using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Waveform (mono, at <see cref="SampleRate"/>) → features <c>[frames, dim]</c>, one at a
/// time or batched. Tensors come back on the extractor's device, float32.</summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>The table name ("whisper-mel", "fbank").</summary>
    string Name { get; }

    int SampleRate { get; }

    /// <summary>Feature size per frame.</summary>
    int Dimension { get; }

    /// <summary>Frames produced for a waveform of this many samples.</summary>
    int FrameCount(int samples);

    /// <summary><c>[T, F]</c> for one waveform.</summary>
    Tensor Extract(ReadOnlySpan<float> waveform);

    /// <summary><c>[B, T, F]</c> zero-padded to the longest, with the valid frame counts <c>[B]</c> (int64).</summary>
    (Tensor Features, Tensor Lengths) ExtractBatch(IReadOnlyList<float[]> waveforms);
}
