using static TorchSharp.torch;

namespace Speech.Core.Data;

/// <summary>A supervised acoustic batch: features <c>[B, T, F]</c> with frame counts <c>[B]</c>,
/// token targets <c>[B, U]</c> (padded with 0) with counts <c>[B]</c>, and the cut ids in order.</summary>
public sealed record AsrBatch(Tensor Features, Tensor FeatureLengths, Tensor Tokens, Tensor TokenLengths, IReadOnlyList<string> CutIds) : IDisposable
{
    public void Dispose()
    {
        Features.Dispose();
        FeatureLengths.Dispose();
        Tokens.Dispose();
        TokenLengths.Dispose();
    }
}
