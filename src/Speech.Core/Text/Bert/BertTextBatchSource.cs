using System.Text.Json.Nodes;
using Speech.Core.Data;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>Endless masked-LM batches of sentences ([CLS] … [SEP] ids): each epoch a permutation
/// seeded by (seed, epoch), cut into batches; the masking of a batch is drawn from (seed, epoch,
/// position), so a resumed run sees exactly the batches an uninterrupted one would.</summary>
public sealed class BertTextBatchSource(IReadOnlyList<int[]> sentences, BertWordPiece vocabulary, int batchSize, double maskProbability, long seed, Device device)
    : IBatchSource<BertTextBatch>
{
    int epoch, position;
    int[]? order;

    public int Epoch => epoch;

    public BertTextBatch Next()
    {
        if (sentences.Count == 0) throw new Errors.ConfigException("no sentences to train the BERT on");
        int size = Math.Min(batchSize, sentences.Count);
        if (order is null || position + size > order.Length)
        {
            if (order is not null) { epoch++; position = 0; }
            order = Order(epoch);
        }
        var rows = order.Skip(position).Take(size).Select(i => sentences[i]).ToList();
        var random = new SeededRandom(SeededRandom.Combine(seed ^ 0x6d61736b, epoch * 1_000_003L + position));
        position += size;
        var (inputs, labels) = BertMasking.Apply(rows, vocabulary, random, maskProbability);
        return BertTextBatch.From(inputs, labels, vocabulary.PadId, device);
    }

    int[] Order(int forEpoch)
    {
        var permutation = Enumerable.Range(0, sentences.Count).ToArray();
        new SeededRandom(SeededRandom.Combine(seed, forEpoch)).Shuffle(permutation);
        return permutation;
    }

    public JsonNode SaveState() => new JsonObject { ["epoch"] = epoch, ["position"] = position };

    public void RestoreState(JsonNode state)
    {
        epoch = state["epoch"]!.GetValue<int>();
        position = state["position"]!.GetValue<int>();
        order = Order(epoch);
    }
}
