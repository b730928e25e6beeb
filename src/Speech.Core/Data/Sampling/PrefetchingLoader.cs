using System.Collections.Concurrent;

namespace Speech.Core.Data.Sampling;

/// <summary>Builds batches on background threads ahead of the consumer (feature extraction and
/// tensor building overlap the training step) and hands them out in the sampler's order. At
/// most <c>prefetch</c> batches are built or waiting at once; a build error surfaces at that
/// batch's turn. Dispose to stop early. <see cref="SaveSamplerState"/> records the batches the
/// consumer took, not the ones built ahead.</summary>
public sealed class PrefetchingLoader<TBatch> : IEnumerable<TBatch>, IDisposable
{
    readonly ISampler sampler;
    readonly Func<IReadOnlyList<Cut>, TBatch> build;
    readonly int prefetch;
    readonly CancellationTokenSource stop = new();

    int startPosition;
    int consumed;

    public PrefetchingLoader(ISampler sampler, Func<IReadOnlyList<Cut>, TBatch> build, int prefetch = 2)
    {
        if (prefetch < 1) throw new ArgumentOutOfRangeException(nameof(prefetch), "prefetch at least 1");
        (this.sampler, this.build, this.prefetch) = (sampler, build, prefetch);
    }

    /// <summary>The sampler state at the consumer's position, for checkpoints.</summary>
    public string SaveSamplerState() => sampler.SaveAt(startPosition + consumed);

    public IEnumerator<TBatch> GetEnumerator()
    {
        // A queue of started builds, in order; the producer blocks when it holds `prefetch` of them.
        using var pending = new BlockingCollection<Task<TBatch>>(prefetch);
        var token = stop.Token;
        startPosition = sampler.BatchesDone;
        consumed = 0;
        var batches = sampler.Batches();
        var producer = Task.Run(() =>
        {
            try
            {
                foreach (var cuts in batches)
                {
                    var captured = cuts;
                    pending.Add(Task.Run(() => build(captured), token), token);
                }
            }
            catch (OperationCanceledException) { }
            finally { pending.CompleteAdding(); }
        }, token);
        try
        {
            foreach (var task in pending.GetConsumingEnumerable(token))
            {
                var batch = task.GetAwaiter().GetResult();
                consumed++;
                yield return batch;
            }
            producer.GetAwaiter().GetResult(); // rethrows a sampler error
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                stop.Cancel();
                try { producer.Wait(); } catch (AggregateException) { }
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
