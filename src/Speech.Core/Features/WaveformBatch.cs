using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Waveforms of different lengths as one zero-padded float tensor <c>[B, N]</c> on a device.</summary>
internal static class WaveformBatch
{
    public static Tensor Stack(IReadOnlyList<float[]> waveforms, int length, Device device)
    {
        var buffer = new float[waveforms.Count * (long)length];
        for (int b = 0; b < waveforms.Count; b++)
        {
            int copy = Math.Min(length, waveforms[b].Length);
            Array.Copy(waveforms[b], 0, buffer, (long)b * length, copy);
        }
        var host = tensor(buffer, [waveforms.Count, length]); // [B, N]
        return device.type == DeviceType.CPU ? host : host.to(device);
    }

    public static Tensor Lengths(IEnumerable<int> frames, Device device) =>
        tensor(frames.Select(f => (long)f).ToArray(), dtype: ScalarType.Int64, device: device); // [B]

    /// <summary>One waveform through an extractor's batched path: <c>[T, F]</c>.</summary>
    public static Tensor ExtractOne(IFeatureExtractor extractor, ReadOnlySpan<float> waveform)
    {
        using var scope = NewDisposeScope();
        var (features, _) = extractor.ExtractBatch([waveform.ToArray()]);
        return features[0].MoveToOuterDisposeScope();
    }
}
