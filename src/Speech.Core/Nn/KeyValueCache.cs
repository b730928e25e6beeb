using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>Keys and values of one attention layer kept across decoding steps, <c>[B, H, T, Dh]</c>.
/// Owns its tensors (they outlive the per-step dispose scopes). Can be cropped to any length,
/// which speculative decoding needs after rejecting draft tokens.</summary>
public sealed class KeyValueCache : IDisposable
{
    Tensor? keys, values;

    /// <summary>Time steps held (0 when empty).</summary>
    public long Length => keys?.shape[2] ?? 0;

    public bool IsEmpty => keys is null;

    public Tensor Keys => keys ?? throw new InvalidOperationException("the cache is empty");
    public Tensor Values => values ?? throw new InvalidOperationException("the cache is empty");

    /// <summary>Appends <paramref name="newKeys"/>/<paramref name="newValues"/> <c>[B, H, t, Dh]</c> along time
    /// and returns the whole cache (owned by the cache: do not dispose).</summary>
    public (Tensor Keys, Tensor Values) Append(Tensor newKeys, Tensor newValues)
    {
        if (keys is null) return Set(newKeys, newValues);
        return Set(cat(new[] { keys, newKeys }, 2), cat(new[] { values!, newValues }, 2));
    }

    /// <summary>Replaces the content (cross-attention: encoder keys/values computed once).</summary>
    public (Tensor Keys, Tensor Values) Set(Tensor newKeys, Tensor newValues)
    {
        Tensor k = newKeys.detach().DetachFromDisposeScope(), v = newValues.detach().DetachFromDisposeScope();
        keys?.Dispose();
        values?.Dispose();
        keys = k;
        values = v;
        return (k, v);
    }

    /// <summary>Keeps the first <paramref name="length"/> time steps.</summary>
    public void Crop(long length)
    {
        if (keys is null || length >= Length) return;
        if (length <= 0) { Clear(); return; }
        using var scope = NewDisposeScope();
        Set(keys.narrow(2, 0, length).contiguous(), values!.narrow(2, 0, length).contiguous());
    }

    /// <summary>Keeps the batch rows in <paramref name="rows"/> (beam search reorders hypotheses).</summary>
    public void SelectRows(Tensor rows)
    {
        if (keys is null) return;
        using var scope = NewDisposeScope();
        Set(keys.index_select(0, rows), values!.index_select(0, rows));
    }

    public void Clear()
    {
        keys?.Dispose();
        values?.Dispose();
        keys = values = null;
    }

    public void Dispose() => Clear();
}
