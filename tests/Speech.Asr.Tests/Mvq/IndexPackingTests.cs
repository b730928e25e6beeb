using Speech.Asr.Mvq;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Mvq;

public sealed class IndexPackingTests
{
    [Theory]
    [InlineData(2, 8)]
    [InlineData(4, 4)]
    [InlineData(16, 2)]
    [InlineData(64, 1)]
    [InlineData(256, 1)]
    public void Indexes_per_byte_follow_the_codebook_size(int codebookSize, int perByte) =>
        Assert.Equal(perByte, IndexPacking.IndexesPerByte(codebookSize));

    /// <summary>K = 16: byte j = index[2j] + 16 · index[2j+1]: (3, 5) → 83, (15, 15) → 255, (0, 1) → 16.
    /// K = 4: (1, 2, 3, 0) → 1 + 4·2 + 16·3 = 57.</summary>
    [Fact]
    public void Hand_packed_bytes()
    {
        using var sixteen = IndexPacking.Pack(tensor(new long[] { 3, 5, 15, 15, 0, 1 }).view(1, 6), 16);
        Assert.Equal(ScalarType.Byte, sixteen.dtype);
        Assert.Equal(new byte[] { 83, 255, 16 }, sixteen.data<byte>().ToArray());
        using var four = IndexPacking.Pack(tensor(new long[] { 1, 2, 3, 0 }).view(1, 4), 4);
        Assert.Equal(new byte[] { 57 }, four.data<byte>().ToArray());
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4)]
    [InlineData(256)]
    public void Packing_round_trips(int codebookSize)
    {
        var random = new Random(codebookSize);
        var values = Enumerable.Range(0, 3 * 5 * 8).Select(_ => (long)random.Next(codebookSize)).ToArray();
        using var indexes = tensor(values).view(3, 5, 8);
        using var packed = IndexPacking.Pack(indexes, codebookSize);
        Assert.Equal(new long[] { 3, 5, 8 / IndexPacking.IndexesPerByte(codebookSize) }, packed.shape);
        using var unpacked = IndexPacking.Unpack(packed, codebookSize);
        Assert.Equal(values, unpacked.data<long>().ToArray());
    }

    [Fact]
    public void Codebooks_that_do_not_fill_whole_bytes_are_refused()
    {
        using var indexes = zeros(new long[] { 2, 3 }, ScalarType.Int64);
        var error = Assert.Throws<ConfigException>(() => IndexPacking.Pack(indexes, 16));
        Assert.Contains("3 codebooks", error.Message);
        Assert.Throws<ConfigException>(() => IndexPacking.IndexesPerByte(12));
    }
}
