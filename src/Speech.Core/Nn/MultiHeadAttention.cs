using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>Multi-head attention with Hugging Face parameter names (<c>q_proj</c>, <c>k_proj</c>
/// (no bias, as in Whisper), <c>v_proj</c>, <c>out_proj</c>) and an optional
/// <see cref="KeyValueCache"/>: appended to for self-attention, filled once for cross-attention.</summary>
public sealed class MultiHeadAttention : nn.Module
{
    readonly Linear q_proj, k_proj, v_proj, out_proj;
    readonly int heads, headDim;
    readonly DropoutRates? dropout;

    /// <param name="dropout">Rates whose <see cref="DropoutRates.Attention"/> drops attention
    /// probabilities in training mode; none by default.</param>
    public MultiHeadAttention(int dim, int heads, bool keyBias = false, DropoutRates? dropout = null) : base(nameof(MultiHeadAttention))
    {
        this.dropout = dropout;
        if (dim % heads != 0) throw new ArgumentException($"dim {dim} is not divisible by {heads} heads");
        this.heads = heads;
        headDim = dim / heads;
        q_proj = nn.Linear(dim, dim);
        k_proj = nn.Linear(dim, dim, hasBias: keyBias);
        v_proj = nn.Linear(dim, dim);
        out_proj = nn.Linear(dim, dim);
        RegisterComponents();
    }

    /// <summary>Self-attention over <paramref name="x"/> <c>[B, T, D]</c>. With a cache, the new
    /// keys/values are appended and queries sit after the cached steps; <paramref name="causal"/>
    /// masks the future. <paramref name="keyMask"/> (<c>[B, 1, 1, Tk]</c>, true = valid) masks padding.</summary>
    public Tensor SelfAttend(Tensor x, bool causal, KeyValueCache? cache = null, Tensor? keyMask = null)
    {
        using var scope = NewDisposeScope();
        long offset = cache?.Length ?? 0;
        Tensor k = SplitHeads(k_proj.forward(x)), v = SplitHeads(v_proj.forward(x));
        if (cache is not null) (k, v) = cache.Append(k, v);
        Tensor? mask = keyMask;
        if (causal && x.shape[1] > 1)
        {
            var causalMask = AttentionMasks.Causal(x.shape[1], offset, x.device); // [Tq, Tk]
            mask = mask is null ? causalMask : mask.logical_and(causalMask);
        }
        return Attend(x, k, v, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Cross-attention from <paramref name="x"/> <c>[B, T, D]</c> to <paramref name="memory"/>
    /// <c>[B, S, D]</c>; with a filled cache the memory's keys/values are reused.</summary>
    public Tensor CrossAttend(Tensor x, Tensor memory, KeyValueCache? cache = null, Tensor? memoryMask = null)
    {
        using var scope = NewDisposeScope();
        Tensor k, v;
        if (cache is { IsEmpty: false }) (k, v) = (cache.Keys, cache.Values);
        else
        {
            k = SplitHeads(k_proj.forward(memory));
            v = SplitHeads(v_proj.forward(memory));
            if (cache is not null) (k, v) = cache.Set(k, v);
        }
        return Attend(x, k, v, memoryMask).MoveToOuterDisposeScope();
    }

    Tensor Attend(Tensor x, Tensor k, Tensor v, Tensor? mask)
    {
        var q = SplitHeads(q_proj.forward(x));
        // scaled_dot_product_attention scales by 1/sqrt(headDim), as Whisper does.
        double dropoutRate = training && dropout is not null ? dropout.Attention : 0.0;
        var context = nn.functional.scaled_dot_product_attention(q, k, v, mask, dropoutRate, false); // [B, H, T, Dh]
        var merged = context.transpose(1, 2).reshape(x.shape[0], x.shape[1], heads * headDim);
        return out_proj.forward(merged);
    }

    /// <summary>[B, T, D] → [B, H, T, Dh].</summary>
    Tensor SplitHeads(Tensor t) => t.view(t.shape[0], t.shape[1], heads, headDim).transpose(1, 2);
}
