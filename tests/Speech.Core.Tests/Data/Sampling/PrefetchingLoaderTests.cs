using Speech.Core.Data;
using Speech.Core.Data.Sampling;

namespace Speech.Core.Tests.Data.Sampling;

public sealed class PrefetchingLoaderTests
{
    static DynamicBucketingSampler Sampler() => new(
        Enumerable.Range(0, 40).Select(i => new Cut($"c{i:00}", new AudioSource($"/a/{i}.flac"), 0, 1 + i % 7, 16000)),
        new BucketingOptions { MaxDuration = 8, Buckets = 3, Seed = 3 });

    [Fact]
    public void Yields_the_samplers_batches_in_order_built_in_the_background()
    {
        var expected = Sampler().PlanEpoch(0).Select(b => string.Join(",", b.Select(c => c.Id))).ToList();
        int builderThread = -1;
        using var loader = new PrefetchingLoader<string>(Sampler(), batch =>
        {
            builderThread = Environment.CurrentManagedThreadId;
            Thread.Sleep(1);
            return string.Join(",", batch.Select(c => c.Id));
        }, prefetch: 3);
        Assert.Equal(expected, loader.ToList());
        Assert.NotEqual(Environment.CurrentManagedThreadId, builderThread);
    }

    [Fact]
    public void Saved_state_counts_consumed_batches_not_prefetched_ones()
    {
        var sampler = Sampler();
        var all = sampler.PlanEpoch(0);
        using var loader = new PrefetchingLoader<IReadOnlyList<Cut>>(sampler, batch => batch, prefetch: 4);
        using (var enumerator = loader.GetEnumerator())
        {
            for (int i = 0; i < 2; i++) enumerator.MoveNext();
            Thread.Sleep(50); // let the producer run ahead
            string state = loader.SaveSamplerState();
            var resumed = Sampler();
            resumed.Restore(state);
            Assert.Equal(all.Skip(2).Select(b => b[0].Id), resumed.Batches().Select(b => b[0].Id));
        }
    }

    [Fact]
    public void A_build_error_surfaces_at_its_turn()
    {
        int built = 0;
        using var loader = new PrefetchingLoader<int>(Sampler(), _ => ++built == 2 ? throw new InvalidOperationException("bad batch") : built, prefetch: 1);
        var error = Assert.Throws<InvalidOperationException>(() => loader.ToList());
        Assert.Equal("bad batch", error.Message);
    }
}
