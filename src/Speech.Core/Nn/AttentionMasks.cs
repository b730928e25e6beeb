using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>Boolean attention masks, <c>true</c> = may attend (scaled_dot_product_attention's convention).</summary>
public static class AttentionMasks
{
    /// <summary>Causal mask <c>[queries, offset + queries]</c> for queries at absolute positions
    /// <c>offset .. offset+queries-1</c> over keys <c>0 .. offset+queries-1</c> (a cache of
    /// <paramref name="offset"/> steps followed by the new ones).</summary>
    public static Tensor Causal(long queries, long offset, Device device)
    {
        using var scope = NewDisposeScope();
        var queryPositions = Scalars.Arange(offset, offset + queries, device).unsqueeze(1); // [Q, 1]
        var keyPositions = Scalars.Arange(0, offset + queries, device).unsqueeze(0);         // [1, K]
        return keyPositions.le(queryPositions).MoveToOuterDisposeScope();
    }

    /// <summary>Key padding mask <c>[B, 1, 1, T]</c> from lengths <c>[B]</c>.</summary>
    public static Tensor FromLengths(Tensor lengths, long maxLength)
    {
        using var scope = NewDisposeScope();
        var positions = Scalars.Arange(0, maxLength, lengths.device).unsqueeze(0); // [1, T]
        return positions.lt(lengths.unsqueeze(1)).unsqueeze(1).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
