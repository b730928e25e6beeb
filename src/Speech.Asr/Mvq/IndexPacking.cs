using Speech.Core.Errors;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Codebook indexes as bytes: codebooks of K ≤ 16 entries share a byte (2 per byte for
/// K = 16, 4 for K = 4, 8 for K = 2), codebook 2j in the low half, 2j+1 in the high half (a byte
/// holds Σ_r index_r · K^r); K = 256 is one byte per codebook.</summary>
public static class IndexPacking
{
    /// <summary>Codebook indexes stored in one byte for codebooks of <paramref name="codebookSize"/>.</summary>
    public static int IndexesPerByte(int codebookSize)
    {
        if (codebookSize < 2 || codebookSize > 256 || (codebookSize & (codebookSize - 1)) != 0)
            throw new ConfigException($"codebook size {codebookSize}: must be a power of two from 2 to 256 to store as bytes");
        int perByte = 1;
        for (long size = codebookSize; size * size <= 256; size *= size) perByte *= 2;
        return perByte;
    }

    /// <summary>Indexes <c>[*, N]</c> (int64, each below <paramref name="codebookSize"/>) → bytes <c>[*, N / per byte]</c>.</summary>
    public static Tensor Pack(Tensor indexes, int codebookSize)
    {
        using var scope = NewDisposeScope();
        int perByte = IndexesPerByte(codebookSize);
        long n = indexes.shape[^1];
        if (n % perByte != 0) throw new ConfigException($"{n} codebooks of size {codebookSize} do not fill whole bytes ({perByte} per byte)");
        var shape = indexes.shape[..^1].Append(n / perByte).Append(perByte).ToArray();
        var weights = Powers(codebookSize, perByte, indexes.device); // [per byte]
        var packed = indexes.to(ScalarType.Int64).reshape(shape).mul(weights).sum(-1).to(ScalarType.Byte);
        return packed.MoveToOuterDisposeScope();
    }

    /// <summary>Bytes <c>[*, N / per byte]</c> → indexes <c>[*, N]</c> (int64).</summary>
    public static Tensor Unpack(Tensor bytes, int codebookSize)
    {
        using var scope = NewDisposeScope();
        int perByte = IndexesPerByte(codebookSize);
        var weights = Powers(codebookSize, perByte, bytes.device);
        using Scalar size = codebookSize.ToScalar();
        var shape = bytes.shape[..^1].Append(bytes.shape[^1] * perByte).ToArray();
        var indexes = bytes.to(ScalarType.Int64).unsqueeze(-1).div(weights, rounding_mode: RoundingMode.floor).remainder(size).reshape(shape);
        return indexes.MoveToOuterDisposeScope();
    }

    static Tensor Powers(int codebookSize, int count, Device device)
    {
        var values = new long[count];
        for (int r = 0; r < count; r++) values[r] = r == 0 ? 1 : values[r - 1] * codebookSize;
        return tensor(values, device: device);
    }
}
