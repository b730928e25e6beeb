using FsCheck;
using FsCheck.Xunit;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;

namespace Speech.Core.Tests.Data;

/// <summary>Invariants for any cut list: shards partition it; each epoch of the sampler is a
/// permutation in duration-capped batches; the same seed and epoch give the same batches; a
/// restored position yields exactly the remaining batches.</summary>
public sealed class ShardAndSamplerProperties
{
    static List<Cut> Cuts(int[] tenthsOfSeconds) =>
        tenthsOfSeconds.Select((d, i) => new Cut($"c{i}", new AudioSource($"/a/{i}.flac"), 0, 0.1 + Math.Abs(d % 300) / 10.0, 16000)).ToList();

    [Property]
    public bool Shards_cover_every_cut_once(int[] durations, PositiveInt shards)
    {
        var cuts = Cuts(durations);
        int n = 1 + (shards.Get - 1) % 8;
        var ids = Enumerable.Range(0, n).SelectMany(i => ManifestSets.Shard(cuts, new ShardSpec(i, n))).Select(c => c.Id).ToList();
        return ids.Count == cuts.Count && ids.ToHashSet().SetEquals(cuts.Select(c => c.Id));
    }

    [Property]
    public bool Each_epoch_is_a_permutation_in_capped_batches(int[] durations, PositiveInt buckets, int seed, byte epoch)
    {
        var cuts = Cuts(durations);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = 20, Buckets = 1 + buckets.Get % 6, Seed = seed });
        sampler.SetEpoch(epoch);
        var batches = sampler.Batches().ToList();
        var ids = batches.SelectMany(b => b).Select(c => c.Id).ToList();
        return ids.Count == cuts.Count && ids.ToHashSet().SetEquals(cuts.Select(c => c.Id))
            && batches.All(b => b.Count == 1 || b.Sum(c => c.Duration) <= 20 + 1e-9);
    }

    [Property]
    public bool Same_seed_and_epoch_give_the_same_batches(int[] durations, int seed, byte epoch)
    {
        var cuts = Cuts(durations);
        var options = new BucketingOptions { MaxDuration = 15, Buckets = 3, Seed = seed };
        var a = new DynamicBucketingSampler(cuts, options).PlanEpoch(epoch);
        var b = new DynamicBucketingSampler(cuts, options).PlanEpoch(epoch);
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Select(c => c.Id).SequenceEqual(p.Second.Select(c => c.Id)));
    }

    [Property]
    public bool Restoring_a_position_resumes_with_the_remaining_batches(int[] durations, int seed, byte epoch, NonNegativeInt taken)
    {
        var cuts = Cuts(durations);
        var options = new BucketingOptions { MaxDuration = 12, Buckets = 2, Seed = seed };
        var first = new DynamicBucketingSampler(cuts, options);
        first.SetEpoch(epoch);
        var all = first.PlanEpoch(epoch);
        int k = all.Count == 0 ? 0 : taken.Get % (all.Count + 1);
        first.Batches().Take(k).ToList();
        string state = first.Save();

        var resumed = new DynamicBucketingSampler(cuts, options);
        resumed.Restore(state);
        var rest = resumed.Batches().Select(b => string.Join(",", b.Select(c => c.Id))).ToList();
        return resumed.Epoch == epoch && rest.SequenceEqual(all.Skip(k).Select(b => string.Join(",", b.Select(c => c.Id))));
    }
}
