using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>One refinement pass of direct-sum codebook indexes (Guo et al. 2022, the reference
/// quantizer's greedy search): for every codebook and candidate, the squared error if only that
/// choice changed; keep the best few per codebook; merge codebooks pairwise (N → N/2, K → K², L →
/// 2L) with ‖a+b+c‖² = ‖a+b‖² + ‖a+c‖² − ‖a‖² + 2 b·c (a the current error, b and c the two
/// changes); repeat until one group is left and take its best. Not guaranteed to lower the error,
/// but it does in practice because the current choice is always among the candidates it weighs.</summary>
public static class IndexRefinement
{
    /// <summary>Candidates kept per choice when a group covers <paramref name="groupSize"/> codebooks
    /// of size <paramref name="codebookSize"/>: 8 (K ≤ 16) or 16, doubled each time the group grows
    /// ×4 (the merge's work grows with the square of it and falls with the group count), at most 128.</summary>
    public static int Cutoff(int codebookSize, int groupSize)
    {
        int cutoff = codebookSize <= 16 ? 8 : 16;
        for (int l = groupSize; l >= 4; l /= 4) cutoff *= 2;
        return Math.Min(cutoff, 128);
    }

    /// <summary>Indexes <c>[B, N]</c> (int64) that approximate <paramref name="x"/> <c>[B, D]</c> better
    /// than <paramref name="indexes"/> <c>[B, N]</c> with scaled centers <c>[N, K, D]</c>.</summary>
    public static Tensor Refine(Tensor centers, Tensor x, Tensor indexes)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        centers = centers.detach();
        x = x.detach();
        long batch = x.shape[0], dim = x.shape[1];
        int n = (int)centers.shape[0], codebookSize = (int)centers.shape[1];
        int k = codebookSize, groupSize = 1;

        using Scalar sizeScalar = codebookSize.ToScalar();
        var offsets = Scalars.Arange(0, n, x.device).mul(sizeScalar).unsqueeze(0); // [1, N]
        var old = centers.reshape(n * codebookSize, dim).index_select(0, indexes.add(offsets, Scalars.One).flatten()).view(batch, n, dim); // [B, N, D]
        var error = old.sum(1).sub(x); // [B, D], x̂ − x
        var errorSumsq = error.pow(Scalars.Two).sum(1).view(batch, 1, 1); // [B, 1, 1]
        var remaining = error.unsqueeze(1).sub(old); // [B, N, D]: the error with codebook n left out
        var cross = matmul(remaining.transpose(0, 1), centers.transpose(1, 2)).permute(1, 0, 2); // [B, N, K]
        // [B, N, K]: ‖remaining + centers[n, k]‖², the error with codebook n switched to k
        var sumsq = remaining.pow(Scalars.Two).sum(2).unsqueeze(2)
            .add(centers.pow(Scalars.Two).sum(2).unsqueeze(0), Scalars.One).add(cross, Scalars.Two);
        var candidates = Scalars.Arange(0, k, x.device).view(1, 1, k, 1).expand(batch, n, k, 1); // [B, N, K, L]

        // Changes of x̂ for candidate rows `chosen` [B, N, K'] of the current choices → [B, N, K', D].
        var allCenters = centers.unsqueeze(0).expand(batch, n, codebookSize, dim);
        Func<Tensor, Tensor> deltasOf = chosen =>
            allCenters.gather(2, chosen.unsqueeze(3).expand(-1, -1, -1, dim)).sub(old.unsqueeze(2));
        Tensor? deltas = null; // deltasOf made concrete for every current candidate, when it is

        while (true)
        {
            int cutoff = Cutoff(codebookSize, groupSize);
            if (n == 1 && k == 1)
                return candidates.reshape(batch, groupSize).MoveToOuterDisposeScope();
            if (k > cutoff || n == 1)
            {
                int kept = n == 1 ? 1 : cutoff;
                var (best, order) = sumsq.topk(kept, dim: 2, largest: false, sorted: true); // [B, N, K']
                sumsq = best;
                candidates = candidates.gather(2, order.unsqueeze(3).expand(-1, -1, -1, groupSize));
                deltas = deltasOf(order);
                var concrete = deltas;
                deltasOf = chosen => concrete.gather(2, chosen.unsqueeze(3).expand(-1, -1, -1, dim));
                k = kept;
                continue;
            }
            deltas ??= deltasOf(Scalars.Arange(0, k, x.device).view(1, 1, k).expand(batch, n, k));
            // Pair codebook groups (2g, 2g+1), so a group's codebooks stay in their original order.
            var pairedDeltas = deltas.view(batch, n / 2, 2, k, dim);
            var (evenDeltas, oddDeltas) = (pairedDeltas.select(2, 0), pairedDeltas.select(2, 1)); // [B, N/2, K, D]
            var pairedSumsq = sumsq.view(batch, n / 2, 2, k);
            var pairedCandidates = candidates.reshape(batch, n / 2, 2, k, groupSize);
            var evenCandidates = pairedCandidates.select(2, 0).unsqueeze(3).expand(-1, -1, -1, k, -1).reshape(batch, n / 2, k * k, groupSize);
            var oddCandidates = pairedCandidates.select(2, 1).unsqueeze(2).expand(-1, -1, k, -1, -1).reshape(batch, n / 2, k * k, groupSize);
            candidates = cat(new[] { evenCandidates, oddCandidates }, 3); // [B, N/2, K², 2L]
            sumsq = pairedSumsq.select(2, 0).unsqueeze(3).add(pairedSumsq.select(2, 1).unsqueeze(2), Scalars.One)
                .sub(errorSumsq.unsqueeze(3))
                .add(matmul(evenDeltas, oddDeltas.transpose(2, 3)), Scalars.Two)
                .reshape(batch, n / 2, k * k); // [B, N/2, K²]: candidate a·K + b is (even a, odd b)
            int pairedK = k;
            deltasOf = chosen =>
            {
                using Scalar size = pairedK.ToScalar();
                var even = evenDeltas.gather(2, chosen.div(size, rounding_mode: RoundingMode.floor).unsqueeze(3).expand(-1, -1, -1, dim));
                var odd = oddDeltas.gather(2, chosen.remainder(size).unsqueeze(3).expand(-1, -1, -1, dim));
                return even.add(odd, Scalars.One);
            };
            deltas = null;
            (n, k, groupSize) = (n / 2, k * k, groupSize * 2);
        }
    }
}
