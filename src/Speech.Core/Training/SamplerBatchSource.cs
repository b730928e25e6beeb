using System.Text.Json.Nodes;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;

namespace Speech.Core.Training;

/// <summary>The trainer's batch source over a manifest sampler: batches are built on background
/// threads (<see cref="PrefetchingLoader{TBatch}"/>), epochs roll over, and the saved position is
/// the batches the trainer actually took, so a resumed run continues with the next one.</summary>
public sealed class SamplerBatchSource<TBatch> : IBatchSource<TBatch>, IDisposable
{
    readonly ISampler sampler;
    readonly Func<IReadOnlyList<Cut>, TBatch> build;
    readonly int prefetch;
    PrefetchingLoader<TBatch>? loader;
    IEnumerator<TBatch>? batches;

    public SamplerBatchSource(ISampler sampler, Func<IReadOnlyList<Cut>, TBatch> build, int prefetch = 2)
    {
        this.sampler = sampler;
        this.build = build;
        this.prefetch = prefetch;
    }

    public int Epoch => sampler.Epoch;

    public TBatch Next()
    {
        for (int emptyEpochs = 0; emptyEpochs < 2;)
        {
            if (batches is null)
            {
                loader = new PrefetchingLoader<TBatch>(sampler, build, prefetch);
                batches = loader.GetEnumerator();
            }
            if (batches.MoveNext()) return batches.Current;
            bool epochWasEmpty = sampler.BatchesDone == 0;
            Close();
            sampler.SetEpoch(sampler.Epoch + 1);
            if (epochWasEmpty) emptyEpochs++;
        }
        throw new ConfigException("the sampler yields no batches (empty manifest, or every cut filtered out)");
    }

    public JsonNode SaveState() => JsonNode.Parse(loader?.SaveSamplerState() ?? sampler.Save())!;

    public void RestoreState(JsonNode state)
    {
        Close();
        sampler.Restore(state.ToJsonString());
    }

    void Close()
    {
        batches?.Dispose();
        loader?.Dispose();
        batches = null;
        loader = null;
    }

    public void Dispose() => Close();
}
