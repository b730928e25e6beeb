using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Mvq;

/// <summary>Non-Gaussian test vectors, as methods.md §2.4 suggests: a fixed random two-layer ReLU
/// network applied to Gaussian inputs (sparse, skewed, correlated coordinates).</summary>
static class SyntheticEmbeddings
{
    /// <summary><c>[frames, dim]</c> float32 from a network fixed by <paramref name="seed"/>.</summary>
    public static Tensor Make(int frames, int dim, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var first = randn(new long[] { 16, 48 }, generator: generator);
        var second = randn(new long[] { 48, dim }, generator: generator);
        var input = randn(new long[] { frames, 16 }, generator: generator);
        var hidden = nn.functional.relu(matmul(input, first));
        return matmul(hidden, second).MoveToOuterDisposeScope(); // [frames, dim]
    }
}
