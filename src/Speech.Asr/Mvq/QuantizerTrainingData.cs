using Speech.Core.Errors;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>The frames of an embeddings store as the reference reads its HDF5 file: every cut's
/// frames stacked, shuffled (seeded), 5 % (at most 10,000) held out for validation.</summary>
public static class QuantizerTrainingData
{
    public const double HeldOutShare = 0.05;
    public const int MaxHeldOut = 10_000;

    /// <summary>(train <c>[F − H, D]</c>, held out <c>[H, D]</c>) float32 on the CPU.</summary>
    public static (Tensor Train, Tensor HeldOut) Load(string folder, int seed)
    {
        using var scope = NewDisposeScope();
        using var store = FeatureStore.Open(folder);
        if (store.Count == 0) throw new ConfigException($"{folder}: no embeddings yet (run 'speech mvq embeddings' first)");
        var parts = store.Ids.Order(StringComparer.Ordinal).Select(store.ReadTensor).ToArray();
        var all = cat(parts, 0); // [F, D]
        long frames = all.shape[0];
        if (frames < 40) throw new ConfigException($"{folder}: {frames} frames are too few to train and check a quantizer");
        var order = randperm(frames, generator: new Generator((ulong)seed));
        var shuffled = all.index_select(0, order);
        long heldOut = Math.Min(MaxHeldOut, (long)(HeldOutShare * frames));
        return (shuffled.narrow(0, heldOut, frames - heldOut).MoveToOuterDisposeScope(), shuffled.narrow(0, 0, heldOut).MoveToOuterDisposeScope());
    }
}
