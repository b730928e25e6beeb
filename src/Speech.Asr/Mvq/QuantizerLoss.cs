using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>The parts of a quantizer's training loss (scalar tensors). <see cref="Reconstruction"/>:
/// Σ‖x̂ − x‖² / Σ‖x − mean‖², between 0 and 1 for a trained quantizer (the mean is the one the
/// codebooks imply, Σ_c mean_k centers, detached). <see cref="LogProb"/>: −mean log-probability the
/// proposer gives the refined indexes (trains the proposer only). <see cref="LogitsEntropy"/>:
/// (log K − H(mean proposer distribution)) / log K, 0 when all classes are equally likely.
/// <see cref="IndexEntropy"/>: the same for the chosen indexes, a diagnostic without gradient.</summary>
public sealed record QuantizerLoss(Tensor Reconstruction, Tensor LogProb, Tensor LogitsEntropy, Tensor IndexEntropy) : IDisposable
{
    /// <summary>The reference's weight of <see cref="LogitsEntropy"/> in the total.</summary>
    public const double EntropyScale = 0.01;

    /// <summary>Reconstruction + log-prob + 0.01 · logits entropy (the reference trainer's sum).</summary>
    public Tensor Total()
    {
        using var scale = EntropyScale.ToScalar();
        return Reconstruction.add(LogProb, Speech.Core.Nn.Scalars.One).add(LogitsEntropy, scale);
    }

    public void Dispose()
    {
        Reconstruction.Dispose();
        LogProb.Dispose();
        LogitsEntropy.Dispose();
        IndexEntropy.Dispose();
    }
}
