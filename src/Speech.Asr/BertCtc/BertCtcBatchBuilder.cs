using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>Cuts → <see cref="BertCtcBatch"/>: the CTC batch from <see cref="CtcBatchBuilder"/> and,
/// when decoders train, each cut's soft labels made dense (Futami's <c>create_soft_label</c> without
/// its smoothing, which the hard term carries here). A cut without soft labels is an error naming it.</summary>
public sealed class BertCtcBatchBuilder(CtcBatchBuilder ctc, IReadOnlyDictionary<string, BertSoftLabel>? labels, int bertVocabularySize,
    int classificationId, int separatorId, string storePath, Device device) : IDisposable
{
    public const long Ignored = -100;

    public BertCtcBatch Build(IReadOnlyList<Cut> cuts)
    {
        var asr = ctc.Build(cuts);
        if (labels is null) return new BertCtcBatch(asr, null, null, null, null);
        using var scope = NewDisposeScope();
        var rows = cuts.Select(c => labels.TryGetValue(c.Id, out var label) ? label
            : throw new ManifestException($"{storePath}: cut '{c.Id}' has no soft labels (make the targets for this manifest)")).ToList();
        int longest = rows.Max(r => r.Tokens.Length) + 1;
        if (longest > AuxiliaryDecoder.MaxTokens) throw new ManifestException($"{storePath}: a transcript of {longest - 1} WordPieces, the decoders hold {AuxiliaryDecoder.MaxTokens - 1}");
        var inputs = new long[rows.Count * longest];
        var targets = Enumerable.Repeat(Ignored, rows.Count * longest).ToArray();
        var valid = new bool[rows.Count * longest];
        var soft = new float[rows.Count * longest * bertVocabularySize];
        for (int b = 0; b < rows.Count; b++)
        {
            var label = rows[b];
            for (int u = 0; u <= label.Tokens.Length; u++)
            {
                int at = b * longest + u;
                inputs[at] = u == 0 ? classificationId : label.Tokens[u - 1];
                valid[at] = true;
                long offset = (long)at * bertVocabularySize;
                if (u == label.Tokens.Length)
                {
                    targets[at] = separatorId;
                    soft[offset + separatorId] = 1;
                    continue;
                }
                targets[at] = label.Tokens[u];
                for (int k = 0; k < label.TopIds[u].Length; k++) soft[offset + label.TopIds[u][k]] = label.TopProbs[u][k];
            }
        }
        long[] shape = [rows.Count, longest];
        return new BertCtcBatch(asr, tensor(inputs, shape, device: device).MoveToOuterDisposeScope(),
            tensor(valid, shape, device: device).MoveToOuterDisposeScope(), tensor(targets, shape, device: device).MoveToOuterDisposeScope(),
            tensor(soft, new long[] { rows.Count, longest, bertVocabularySize }, device: device).MoveToOuterDisposeScope());
    }

    public void Dispose() => ctc.Dispose();
}
