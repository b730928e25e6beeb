using Speech.Core.Errors;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>The training softmax over the tokens the transcripts use instead of all of the vocabulary
/// (Marian's shortlists): a small corpus's labels use a few thousand of Whisper's 51,864 tokens, and
/// projecting each position onto all of them is about a third of a decoder-only training step. The
/// logits of the other tokens are never computed, so nothing pushes them down: a last phase with the
/// full softmax does that (their tied embeddings stay small meanwhile).</summary>
public sealed class VocabularyShortlist : IDisposable
{
    readonly Tensor ids;    // [K] token ids, ascending
    readonly Tensor lookup; // [V] id → its index in ids (−1 outside)

    public VocabularyShortlist(IEnumerable<long> tokenIds, long vocabularySize, Device? device = null)
    {
        var sorted = tokenIds.Distinct().OrderBy(id => id).ToArray();
        if (sorted.Length == 0) throw new ConfigException("an empty vocabulary shortlist: no labels to train on");
        if (sorted[0] < 0 || sorted[^1] >= vocabularySize)
            throw new ConfigException($"a shortlist token id outside the vocabulary of {vocabularySize}");
        var map = Enumerable.Repeat(-1L, checked((int)vocabularySize)).ToArray();
        for (int k = 0; k < sorted.Length; k++) map[sorted[k]] = k;
        ids = tensor(sorted, device: device ?? CPU).DetachFromDisposeScope();
        lookup = tensor(map, device: device ?? CPU).DetachFromDisposeScope();
    }

    public long Count => ids.shape[0];

    /// <summary>Hidden states <c>[N, D]</c> → logits <c>[N, K]</c> over the shortlist through the tied output weight <c>[V, D]</c>.</summary>
    public Tensor Logits(Tensor hidden, Tensor outputWeight) => hidden.matmul(outputWeight.index_select(0, ids).t());

    /// <summary>Token ids → shortlist indexes; a label outside the shortlist is an error, not a silent −1.</summary>
    public Tensor Indexes(Tensor labels)
    {
        var indexes = lookup.index_select(0, labels);
        if (indexes.lt(Scalars.Zero).any().item<bool>()) throw new InvalidOperationException("a label outside the vocabulary shortlist (built from other transcripts)");
        return indexes;
    }

    public void Dispose()
    {
        ids.Dispose();
        lookup.Dispose();
    }
}
