using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Captioning.Model;

/// <summary>Caption generation: greedy and beam search (the paper: beam 3, at most 20 words). Both
/// rerun the decoder over the whole prefix each step (captions are short), score a caption by the
/// sum of its word log-probabilities (no length normalisation) and stop at the end token; with one
/// beam the search is the greedy one.</summary>
public static class CaptionSearch
{
    /// <summary>Word ids (no bos/eos) of each clip of a batch: beam search with the model's beam
    /// size (or <paramref name="beamSize"/>), greedy when that is 1.</summary>
    public static IReadOnlyList<long[]> Generate(CaptionModel model, Tensor features, Tensor lengths, int? beamSize = null)
    {
        int beams = beamSize ?? model.Config.BeamSize;
        return beams == 1 ? Greedy(model, features, lengths) : BeamSearch(model, features, lengths, beams);
    }

    /// <summary>Greedy decoding of a batch: the most likely word each step, all clips at once.</summary>
    public static IReadOnlyList<long[]> Greedy(CaptionModel model, Tensor features, Tensor lengths)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (memory, mask) = model.Memory(model.Encode(features, lengths));
        return GreedyOverMemory(model, memory, mask);
    }

    /// <summary>Beam search, one clip at a time (<see cref="Beam"/>).</summary>
    public static IReadOnlyList<long[]> BeamSearch(CaptionModel model, Tensor features, Tensor lengths, int beams)
    {
        if (beams < 1) throw new ArgumentException($"beam size {beams}: at least 1");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (memory, mask) = model.Memory(model.Encode(features, lengths));
        var captions = new List<long[]>();
        for (long b = 0; b < memory.shape[0]; b++)
            captions.Add(Beam(model, memory.narrow(0, b, 1), mask.narrow(0, b, 1), beams));
        return captions;
    }

    static IReadOnlyList<long[]> GreedyOverMemory(CaptionModel model, Tensor memory, Tensor mask)
    {
        long batch = memory.shape[0];
        var prefixes = Enumerable.Range(0, (int)batch).Select(_ => new List<long> { CaptionVocabulary.Bos }).ToList();
        var done = new bool[batch];
        for (int step = 0; step < model.Config.MaxLength && done.Contains(false); step++)
        {
            using var scope = NewDisposeScope();
            var tokens = tensor(prefixes.SelectMany(p => p).ToArray(), [batch, step + 1], device: memory.device);
            var next = NextWordLogits(model, tokens, memory, mask).argmax(-1).data<long>().ToArray();
            for (int b = 0; b < batch; b++)
            {
                if (done[b]) { prefixes[b].Add(CaptionVocabulary.Eos); continue; }
                prefixes[b].Add(next[b]);
                if (next[b] == CaptionVocabulary.Eos) done[b] = true;
            }
        }
        return prefixes.Select(p => p.Skip(1).TakeWhile(t => t != CaptionVocabulary.Eos).ToArray()).ToList();
    }

    /// <summary>Beam search for one clip: each step the alive beams' extensions are ranked, those ending
    /// in eos are finished, the best <paramref name="beams"/> others stay alive; it stops with
    /// <paramref name="beams"/> finished captions or at the length limit (alive beams then finish as they are).</summary>
    static long[] Beam(CaptionModel model, Tensor memory, Tensor mask, int beams)
    {
        var alive = new List<(List<long> Tokens, double Score)> { ([CaptionVocabulary.Bos], 0.0) };
        var finished = new List<(List<long> Tokens, double Score)>();
        for (int step = 0; step < model.Config.MaxLength && finished.Count < beams && alive.Count > 0; step++)
        {
            using var scope = NewDisposeScope();
            var tokens = tensor(alive.SelectMany(a => a.Tokens).ToArray(), [alive.Count, step + 1], device: memory.device);
            var logits = NextWordLogits(model, tokens, memory.expand(alive.Count, -1, -1), mask.expand(alive.Count, -1, -1, -1));
            var logProbabilities = nn.functional.log_softmax(logits.to(ScalarType.Float64), -1).cpu(); // [K, V]
            long vocabulary = logProbabilities.shape[1];
            var scores = logProbabilities.add(tensor(alive.Select(a => a.Score).ToArray(), ScalarType.Float64).unsqueeze(1), Scalars.One);
            var (top, index) = scores.flatten().topk(Math.Min(2 * beams, (int)scores.numel()));
            double[] topScores = top.data<double>().ToArray();
            long[] topIndexes = index.data<long>().ToArray();
            var next = new List<(List<long>, double)>();
            for (int i = 0; i < topIndexes.Length && next.Count < beams; i++)
            {
                var (source, word) = ((int)(topIndexes[i] / vocabulary), topIndexes[i] % vocabulary);
                var extended = new List<long>(alive[source].Tokens) { word };
                if (word == CaptionVocabulary.Eos) { if (finished.Count < beams) finished.Add((extended, topScores[i])); }
                else next.Add((extended, topScores[i]));
            }
            alive = next;
        }
        finished.AddRange(alive);
        var best = finished.OrderByDescending(f => f.Score).First();
        return best.Tokens.Skip(1).TakeWhile(t => t != CaptionVocabulary.Eos).ToArray();
    }

    /// <summary>Logits <c>[B, V]</c> of the word after each prefix <c>[B, U]</c>; pad and bos can never come next.</summary>
    static Tensor NextWordLogits(CaptionModel model, Tensor prefixes, Tensor memory, Tensor mask)
    {
        var logits = model.Logits(prefixes, memory, mask).select(1, prefixes.shape[1] - 1);
        logits[TensorIndex.Colon, TensorIndex.Slice(CaptionVocabulary.Pad, CaptionVocabulary.Bos + 1)] = Impossible(logits);
        return logits;
    }

    static Tensor Impossible(Tensor like) => full(like.shape[0], CaptionVocabulary.Bos + 1, Scalars.NegativeInfinity, like.dtype, like.device);
}
