using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>Whisper's sinusoidal position table <c>[length, channels]</c>: the first half of the
/// channels are sines, the second cosines, with timescales from 1 to 10000 spaced geometrically.</summary>
public static class Sinusoids
{
    public static Tensor Table(long length, long channels, double maxTimescale = 10000)
    {
        if (channels % 2 != 0) throw new ArgumentException("channels must be even");
        using var scope = NewDisposeScope();
        double increment = Math.Log(maxTimescale) / (channels / 2 - 1);
        using var step = (-increment).ToScalar();
        var inverse = exp(Scalars.Arange(0, channels / 2, dtype: ScalarType.Float64).mul(step));          // [C/2]
        var scaled = Scalars.Arange(0, length, dtype: ScalarType.Float64).unsqueeze(1) * inverse.unsqueeze(0); // [L, C/2]
        return cat(new[] { sin(scaled), cos(scaled) }, 1).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
