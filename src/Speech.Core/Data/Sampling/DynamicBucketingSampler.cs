using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Speech.Core.Errors;

namespace Speech.Core.Data.Sampling;

/// <summary>Duration-capped batches from duration buckets (after lhotse's dynamic bucketing):
/// cuts are sorted by duration and cut into equal-count buckets; each epoch every bucket is
/// shuffled and filled greedily into batches of at most <see cref="BucketingOptions.MaxDuration"/>
/// seconds, and the batches of all buckets are shuffled together. Everything is a function of
/// (cuts, options, seed, epoch), so a restart that restores the position yields the same
/// remaining batches.</summary>
public sealed class DynamicBucketingSampler : ISampler
{
    readonly IReadOnlyList<Cut> cuts;
    readonly BucketingOptions options;
    readonly int[][] buckets; // cut indices, each bucket in duration order
    readonly string fingerprint;
    int batchesDone;

    public DynamicBucketingSampler(IEnumerable<Cut> cuts, BucketingOptions options)
    {
        if (options.MaxDuration <= 0) throw new ConfigException($"max_duration must be positive, got {options.MaxDuration}");
        if (options.Buckets < 1) throw new ConfigException($"buckets must be at least 1, got {options.Buckets}");
        this.cuts = cuts.ToList();
        this.options = options;
        int[] order = Enumerable.Range(0, this.cuts.Count)
            .OrderBy(i => this.cuts[i].Duration).ThenBy(i => this.cuts[i].Id, StringComparer.Ordinal).ToArray();
        int bucketCount = Math.Max(1, Math.Min(options.Buckets, order.Length));
        buckets = Enumerable.Range(0, bucketCount)
            .Select(b => order[(b * order.Length / bucketCount)..((b + 1) * order.Length / bucketCount)])
            .ToArray();
        fingerprint = Fingerprint(this.cuts, options);
    }

    public int Epoch { get; private set; }

    public int BatchesDone => batchesDone;

    public void SetEpoch(int epoch)
    {
        Epoch = epoch;
        batchesDone = 0;
    }

    public IEnumerable<IReadOnlyList<Cut>> Batches()
    {
        var batches = PlanEpoch(Epoch);
        while (batchesDone < batches.Count)
        {
            var batch = batches[batchesDone];
            batchesDone++;
            yield return batch;
        }
    }

    /// <summary>The full batch list of an epoch, without moving the position.</summary>
    public IReadOnlyList<IReadOnlyList<Cut>> PlanEpoch(int epoch)
    {
        var random = new SeededRandom(SeededRandom.Combine(options.Seed, epoch));
        var batches = new List<IReadOnlyList<Cut>>();
        foreach (int[] bucket in buckets)
        {
            var members = bucket.ToList();
            if (options.Shuffle) random.Shuffle(members);
            var batch = new List<Cut>();
            double seconds = 0;
            foreach (int index in members)
            {
                var cut = cuts[index];
                if (batch.Count > 0 && seconds + cut.Duration > options.MaxDuration)
                {
                    batches.Add(batch);
                    batch = new List<Cut>();
                    seconds = 0;
                }
                batch.Add(cut);
                seconds += cut.Duration;
            }
            if (batch.Count > 0 && !(options.DropLast && seconds < options.MaxDuration / 2 && batches.Count > 0)) batches.Add(batch);
        }
        if (options.Shuffle) random.Shuffle(batches);
        return batches;
    }

    public string Save() => SaveAt(batchesDone);

    public string SaveAt(int batchesDone) => JsonSerializer.Serialize(new SamplerState(Epoch, batchesDone, fingerprint));

    public void Restore(string state)
    {
        SamplerState? parsed;
        try { parsed = JsonSerializer.Deserialize<SamplerState>(state); }
        catch (JsonException e) { throw new CheckpointException($"sampler state is not valid JSON ({e.Message})", e); }
        if (parsed is null) throw new CheckpointException("sampler state is empty");
        if (parsed.Fingerprint != fingerprint)
            throw new CheckpointException("sampler state was saved for different cuts or options (fingerprint differs); start a fresh run or restore the same manifest and options");
        if (parsed.BatchesDone < 0) throw new CheckpointException($"bad sampler position {parsed.BatchesDone}");
        Epoch = parsed.Epoch;
        batchesDone = parsed.BatchesDone;
    }

    static string Fingerprint(IReadOnlyList<Cut> cuts, BucketingOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options)));
        foreach (var cut in cuts) hash.AppendData(Encoding.UTF8.GetBytes($"{cut.Id}\n{cut.Duration:R}\n"));
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
