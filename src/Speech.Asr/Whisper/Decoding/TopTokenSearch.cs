using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>The greedy pick over Whisper's tied output projection, found without reading the whole
/// projection when a bound allows it. At batch 1 on a CPU the 51,864 × d projection is memory-bound
/// and, for a small model, costs more than all its decoder layers (53 MB read per token at d 256),
/// which would hide what a shallower decoder saves. A model trained on a narrow domain leaves most
/// of the vocabulary near one shared direction: every row is <c>e_v = μ + r_v</c> with a small
/// residual <c>r_v</c> for the tokens it never emits. So the logits of a "hot" set (the rows with
/// the largest residuals) are computed exactly, and every other row is bounded by Cauchy–Schwarz:
/// <c>h·e_v ≤ h·μ + ‖h‖·max‖r_v‖</c>. When the best hot logit beats that bound (with a margin
/// above rounding) and the runner-up in the hot set by the same margin, it is the argmax of the full
/// projection; otherwise that row falls back to the full projection. The pick is therefore the full projection's argmax, whatever the model, and
/// only the cost depends on how the vocabulary is used; a model whose whole vocabulary is live
/// makes the search give up after a few picks (<see cref="GaveUp"/>) and pay the full projection only.
/// Build it once the model's weights and precision are final, and reuse it across batches.</summary>
public sealed class TopTokenSearch : IDisposable
{
    readonly Tensor weight;     // [V, D], a view of the model's tied embedding (shares its storage)
    readonly Tensor? hotIds;    // [K] long; null for the plain full projection
    readonly Tensor? hotWeight; // [K, D] contiguous copy of the hot rows
    readonly Tensor? mean;      // [D] float32
    readonly double coldRadius; // max ‖e_v − μ‖ over the rows outside the hot set
    readonly double margin;     // relative safety margin over the bound (covers rounding of the dtype)

    /// <summary>Rows searched exhaustively: the tokens a narrow-domain model actually uses.</summary>
    public int HotCount { get; }

    /// <summary>Rows picked so far, and how many of them needed the full projection.</summary>
    public long Picks { get; private set; }
    public long FullProjections { get; private set; }

    /// <param name="hotTokens">Size of the hot set; the whole vocabulary (or more) means the plain
    /// full projection with no bound.</param>
    public TopTokenSearch(WhisperModel model, int hotTokens = 4096)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        // Our own handle on the embedding's storage: the caller's dispose scopes cannot free it.
        weight = model.Decoder.OutputWeight.detach().DetachFromDisposeScope();
        long vocabulary = weight.shape[0];
        HotCount = (int)Math.Min(Math.Max(1, hotTokens), vocabulary);
        margin = weight.dtype == ScalarType.Float32 ? 1e-4 : 2e-2;
        if (HotCount == vocabulary) return; // no hot set: every pick is the full projection's
        var weight32 = weight.to(ScalarType.Float32);
        mean = weight32.mean([0]).DetachFromDisposeScope();
        var residuals = (weight32 - mean).norm(1); // [V]
        var order = residuals.argsort(descending: true);
        hotIds = order.narrow(0, 0, HotCount).sort().Values.DetachFromDisposeScope(); // ascending ids: ties break as argmax does
        hotWeight = weight.index_select(0, hotIds).contiguous().DetachFromDisposeScope();
        coldRadius = residuals.index_select(0, order.narrow(0, HotCount, vocabulary - HotCount)).max().item<float>();
    }

    /// <summary>The plain full projection (no hot set, no bound): every pick counts as a full projection.</summary>
    public static TopTokenSearch Full(WhisperModel model) => new(model, int.MaxValue);

    /// <summary>The argmax token of <c>hidden · Wᵀ</c> for each row of <paramref name="hidden"/>
    /// (<c>[N, D]</c>, final-norm decoder states), never one of <paramref name="suppressed"/>
    /// (<c>[V]</c> bool, true = masked; null = none).</summary>
    public long[] Pick(Tensor hidden, Tensor? suppressed)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var h = hidden.to(weight.dtype);
        if (hotIds is null || hotWeight is null || mean is null || GaveUp) return FullPicks(h, suppressed);
        var top = HotLogits(h, suppressed).topk(Math.Min(2, HotCount), -1);
        var best = top.values.select(-1, 0);
        long[] picks = hotIds.index_select(0, top.indexes.select(-1, 0)).cpu().data<long>().ToArray();
        Picks += picks.Length;

        var h32 = h.to(ScalarType.Float32);
        var best32 = best.to(ScalarType.Float32);
        using Scalar radius = coldRadius.ToScalar(), unit = 1.0.ToScalar(), relative = margin.ToScalar();
        var bound = h32.matmul(mean).add(h32.norm(-1).mul(radius), Scalars.One); // [N]
        var slack = bound.abs().add(unit, Scalars.One).mul(relative);
        var settledRows = best32 > bound.add(slack, Scalars.One);
        if (HotCount > 1)
        {
            // A near-tie inside the hot set is settled by the full projection too: its rounding differs
            // from the hot rows' matmul, and the paths that must agree token for token (greedy, and
            // speculative verification over several rows at once) then meet the tie in the same kernel.
            var runnerUp = top.values.select(-1, 1).to(ScalarType.Float32);
            settledRows = settledRows.logical_and(best32 - runnerUp > best32.abs().add(unit, Scalars.One).mul(relative));
        }
        bool[] settled = settledRows.cpu().data<bool>().ToArray();
        for (int row = 0; row < picks.Length; row++)
        {
            if (settled[row]) continue;
            FullProjections++;
            // [1, D] × [D, V]: the product a batch-1 greedy step takes when its search gave up.
            picks[row] = Masked(h.narrow(0, row, 1).matmul(weight.t()), suppressed).argmax(-1).item<long>();
        }
        return picks;
    }

    /// <summary>The hot set's argmax for each row, without the bound, and its probability under a
    /// softmax over the hot rows: a guess, the exact pick whenever <see cref="Pick"/> needs no full
    /// projection. For a draft model, whose tokens the teacher verifies anyway, the certificate is
    /// wasted work, and the probability says how sure the drafter is (to stop a draft where the
    /// teacher is likely to disagree). Without a hot set (or once the search gave up) the tokens are
    /// the full projection's and the softmax is over the whole vocabulary.</summary>
    public (long[] Tokens, float[] Probabilities) Guess(Tensor hidden, Tensor? suppressed)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var h = hidden.to(weight.dtype);
        bool hot = hotIds is not null && !GaveUp;
        var logits = (hot ? HotLogits(h, suppressed) : Masked(h.matmul(weight.t()), suppressed)).to(ScalarType.Float32);
        var (best, index) = logits.max(-1);
        float[] probabilities = best.sub(logits.logsumexp(-1)).exp().cpu().data<float>().ToArray();
        long[] tokens = (hot ? hotIds!.index_select(0, index) : index).cpu().data<long>().ToArray();
        if (hot) Guesses += tokens.Length;
        else { Picks += tokens.Length; FullProjections += tokens.Length; }
        return (tokens, probabilities);
    }

    static Tensor Masked(Tensor logits, Tensor? suppressed) =>
        suppressed is null ? logits : logits.masked_fill(suppressed, Scalars.NegativeInfinity);

    /// <summary>Logits <c>[N, K]</c> of the hot rows for states <c>h [N, D]</c> in the weight's dtype,
    /// suppressed tokens at −∞.</summary>
    Tensor HotLogits(Tensor h, Tensor? suppressed)
    {
        var hot = h.matmul(hotWeight!.t());
        return suppressed is null ? hot : hot.masked_fill(suppressed.index_select(0, hotIds!), Scalars.NegativeInfinity);
    }

    /// <summary>Rows guessed from the hot set (<see cref="Guess"/>) so far.</summary>
    public long Guesses { get; private set; }

    /// <summary>True once the bound has failed for most picks (a model that uses its whole
    /// vocabulary): from then on every pick takes the full projection alone, so the search never
    /// costs more than the hot rows of its first picks.</summary>
    public bool GaveUp => Picks >= 64 && FullProjections * 2 > Picks;

    long[] FullPicks(Tensor h, Tensor? suppressed)
    {
        var logits = Masked(h.matmul(weight.t()), suppressed);
        long[] picks = logits.argmax(-1).cpu().data<long>().ToArray();
        Picks += picks.Length;
        FullProjections += picks.Length;
        return picks;
    }

    public void Dispose()
    {
        weight.Dispose();
        hotIds?.Dispose();
        hotWeight?.Dispose();
        mean?.Dispose();
    }
}
