using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>What a CTC encoder returns: final states <c>[B, T', D]</c>, CTC log-probabilities
/// <c>[B, T', V]</c>, valid lengths <c>[B]</c>, and each block's output when asked (for
/// intermediate-layer KD).</summary>
public sealed record EncoderOutput(Tensor Hidden, Tensor LogProbabilities, Tensor Lengths, IReadOnlyList<Tensor>? Layers) : IDisposable
{
    public void Dispose()
    {
        Hidden.Dispose();
        LogProbabilities.Dispose();
        Lengths.Dispose();
        if (Layers is not null) foreach (var layer in Layers) layer.Dispose();
    }
}
