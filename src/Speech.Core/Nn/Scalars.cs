using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>TorchSharp Scalars that someone owns (rule SPEECH001). A Scalar made by an implicit
/// conversion (<c>x * 2.0</c>, the alpha 1 inside <c>x + y</c>, the 0 and 1 inside <c>arange(n)</c>)
/// is unreachable during the native call, and its finaliser can free it while libtorch reads it.
/// The constants here live in statics for the whole process, so they are never finalised; each
/// keeps the .NET type TorchSharp's own implicit conversion used (an int 1, not 1.0), so results and
/// dtypes stay as they were. Numbers that vary: <c>using var s = value.ToScalar();</c>.</summary>
public static class Scalars
{
    /// <summary>int 1: the alpha of <c>add(y, Scalars.One)</c>, what <c>x + y</c> passes.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>int 0.</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>int 2: the exponent of <c>pow(Scalars.Two)</c>, what <c>square()</c> passes.</summary>
    public static readonly Scalar Two = 2.ToScalar();

    /// <summary>float −∞, the fill of masked logits.</summary>
    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary>bool true, the fill of boolean masks.</summary>
    public static readonly Scalar True = true.ToScalar();

    /// <summary><c>arange(start, stop, 1)</c>: int64 unless <paramref name="dtype"/> says otherwise,
    /// as <c>arange(stop)</c> and <c>arange(start, stop)</c> give.</summary>
    public static Tensor Arange(long start, long stop, Device? device = null, ScalarType? dtype = null)
    {
        using Scalar first = start.ToScalar(), end = stop.ToScalar();
        return arange(first, end, One, dtype, device);
    }
}
