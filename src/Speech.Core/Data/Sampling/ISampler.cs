namespace Speech.Core.Data.Sampling;

/// <summary>Cuts → batches of cuts (metadata only). The batches of an epoch are fixed by the seed
/// and the epoch; <see cref="Save"/>/<see cref="Restore"/> carry the position across a restart.</summary>
public interface ISampler
{
    int Epoch { get; }

    /// <summary>Batches of the current epoch already handed out.</summary>
    int BatchesDone { get; }

    /// <summary>Starts <paramref name="epoch"/> from its first batch.</summary>
    void SetEpoch(int epoch);

    /// <summary>The rest of the current epoch's batches; each one yielded advances the position.</summary>
    IEnumerable<IReadOnlyList<Cut>> Batches();

    /// <summary>The position as JSON (epoch, batches already yielded, and a fingerprint of the
    /// cuts and options so a state is never applied to a different setup).</summary>
    string Save();

    /// <summary>The state as if <paramref name="batchesDone"/> batches of this epoch had been
    /// handed out (a prefetching loader saves what was consumed, not what was prefetched).</summary>
    string SaveAt(int batchesDone);

    void Restore(string state);
}
