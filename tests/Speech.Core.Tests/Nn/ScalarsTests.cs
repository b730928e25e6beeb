using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Nn;

public sealed class ScalarsTests
{
    [Fact]
    public void Arange_counts_in_int64_like_torch_arange()
    {
        using var scope = NewDisposeScope();
        var counted = Scalars.Arange(2, 5);
        Assert.Equal(ScalarType.Int64, counted.dtype);
        Assert.Equal(new long[] { 2, 3, 4 }, counted.data<long>().ToArray());
        Assert.Equal(new double[] { 0, 1, 2 }, Scalars.Arange(0, 3, dtype: ScalarType.Float64).data<double>().ToArray());
    }

    [Fact]
    public void The_constants_keep_the_types_torchsharps_implicit_conversions_gave()
    {
        using var scope = NewDisposeScope();
        var integers = tensor(new long[] { 1, 2 });
        // An int alpha keeps integer tensors integer (a double alpha would be refused for them).
        Assert.Equal(new long[] { 2, 4 }, integers.add(integers, Scalars.One).data<long>().ToArray());
        Assert.Equal(new long[] { 1, 4 }, integers.pow(Scalars.Two).data<long>().ToArray());
        Assert.All(zeros(2).fill_(Scalars.NegativeInfinity).data<float>().ToArray(), v => Assert.Equal(float.NegativeInfinity, v));
        Assert.Equal(ScalarType.Bool, Scalars.True.Type);
    }
}
