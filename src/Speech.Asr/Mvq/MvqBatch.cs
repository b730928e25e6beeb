using Speech.Core.Data;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A CTC batch with its KD targets on the student's frames: codebook indexes
/// <c>[B, T_s, R·N]</c> int64 (−100 = none) or embeddings <c>[B, T_s, R·D]</c> float with a mask
/// <c>[B, T_s]</c> (true = a teacher frame is there); null for the baseline.</summary>
public sealed record MvqBatch(AsrBatch Asr, Tensor? Targets, Tensor? Mask) : IDisposable
{
    public void Dispose()
    {
        Asr.Dispose();
        Targets?.Dispose();
        Mask?.Dispose();
    }
}
