using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>Masks each asked position of a sequence in turn and returns the BERT's logits there
/// (Futami et al.'s soft labels, and pseudo-log-likelihood scoring): one copy of the sequence per
/// position, position i replaced by [MASK] in copy i, run in batches of <paramref name="batchSize"/> copies.</summary>
public sealed class MaskedPositionScorer(BertMaskedLm model, BertWordPiece vocabulary, int batchSize = 64)
{
    /// <param name="sequence">Ids with [CLS] … [SEP] (and any context) around them.</param>
    /// <param name="positions">Indexes into <paramref name="sequence"/> to mask, one at a time.</param>
    /// <returns>Float32 logits <c>[positions, V]</c> on the CPU: row k = the BERT's logits at
    /// <c>positions[k]</c> given the sequence with that position masked.</returns>
    public Tensor Logits(IReadOnlyList<int> sequence, IReadOnlyList<int> positions)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = model.parameters().First().device;
        var rows = new List<Tensor>();
        for (int start = 0; start < positions.Count; start += batchSize)
        {
            var chunk = positions.Skip(start).Take(batchSize).ToArray();
            var copies = new long[chunk.Length * sequence.Count];
            for (int c = 0; c < chunk.Length; c++)
                for (int t = 0; t < sequence.Count; t++)
                    copies[c * sequence.Count + t] = t == chunk[c] ? vocabulary.MaskId : sequence[t];
            var ids = tensor(copies, new long[] { chunk.Length, sequence.Count }, device: device); // [C, T]
            var logits = model.Forward(ids); // [C, T, V]
            var at = tensor(chunk.Select(p => (long)p).ToArray(), device: device);
            rows.Add(logits[Scalars.Arange(0, chunk.Length, device), at].to(ScalarType.Float32).cpu()); // [C, V]
        }
        var result = rows.Count == 0 ? zeros(0, vocabulary.VocabularySize) : cat(rows, 0);
        return result.MoveToOuterDisposeScope();
    }
}
