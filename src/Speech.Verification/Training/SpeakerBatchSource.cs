using System.Text.Json.Nodes;
using Speech.Core.Data;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Verification.Training;

/// <summary>Endless shuffled batches of a <see cref="SpeakerFeatureSet"/>: each epoch is a permutation
/// seeded by (seed, epoch), cut into batches (the last short one dropped); long cuts get a random
/// crop of <c>maxFrames</c>. The saved state is (epoch, position), so a resumed run continues with
/// the very next batch.</summary>
public sealed class SpeakerBatchSource(SpeakerFeatureSet data, int batchSize, int maxFrames, long seed) : IBatchSource<SpeakerBatch>
{
    int epoch, position;
    int[]? order;

    public int Epoch => epoch;

    public SpeakerBatch Next()
    {
        int size = Math.Min(batchSize, data.Cuts.Count);
        if (order is null || position + size > order.Length)
        {
            if (order is not null) { epoch++; position = 0; }
            order = Enumerable.Range(0, data.Cuts.Count).ToArray();
            new SeededRandom(SeededRandom.Combine(seed, epoch)).Shuffle(order);
        }
        var chosen = order.Skip(position).Take(size).ToArray();
        var crops = new SeededRandom(SeededRandom.Combine(seed ^ 0x5eed, epoch * 1_000_003L + position));
        position += size;
        var (features, lengths) = data.Batch(chosen, maxFrames, span => crops.Next(span));
        var speakers = tensor(chosen.Select(i => (long)data.SpeakerIndex[data.Cuts[i].Speaker!]).ToArray());
        return new SpeakerBatch(features, lengths, speakers, chosen.Select(i => data.Cuts[i].Id).ToList());
    }

    public JsonNode SaveState() => new JsonObject { ["epoch"] = epoch, ["position"] = position };

    public void RestoreState(JsonNode state)
    {
        epoch = state["epoch"]!.GetValue<int>();
        position = state["position"]!.GetValue<int>();
        order = Enumerable.Range(0, data.Cuts.Count).ToArray();
        new SeededRandom(SeededRandom.Combine(seed, epoch)).Shuffle(order);
    }
}
