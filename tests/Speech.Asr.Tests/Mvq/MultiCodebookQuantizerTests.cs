using Speech.Asr.Mvq;
using Speech.Core.Errors;
using Speech.Core.Nn;
using Speech.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Mvq;

public sealed class MultiCodebookQuantizerTests
{
    static double SquaredError(Tensor a, Tensor b) => a.sub(b).pow(Scalars.Two).sum().item<float>();

    /// <summary>Two codebooks of four: the search keeps all 16 pairs (cutoff 8 ≥ 4, one merge, then
    /// the best of the group), so one pass finds the exact optimum that enumerating 4 × 4 pairs gives.</summary>
    [Fact]
    public void One_refinement_of_two_small_codebooks_finds_the_best_pair()
    {
        manual_seed(3);
        using var quantizer = new MultiCodebookQuantizer(dim: 5, codebookSize: 4, numCodebooks: 2);
        using var x = randn(7, 5);
        using var centers = quantizer.Centers().detach();
        using var start = quantizer.ComputeIndexes(x, 0);
        using var refined = IndexRefinement.Refine(centers, x, start);
        for (int row = 0; row < 7; row++)
        {
            double best = double.MaxValue;
            (long, long) bestPair = default;
            for (long a = 0; a < 4; a++)
                for (long b = 0; b < 4; b++)
                {
                    using var sum = centers[0, a].add(centers[1, b], Scalars.One);
                    double error = SquaredError(sum, x[row]);
                    if (error < best) (best, bestPair) = (error, (a, b));
                }
            Assert.Equal(bestPair, (refined[row, 0].item<long>(), refined[row, 1].item<long>()));
        }
    }

    /// <summary>Eight codebooks of 16 random Gaussian centers in 64 dimensions (nearly orthogonal,
    /// the case the greedy search is made for), vectors that are direct sums of known centers plus a
    /// little noise, and random starting indexes: one pass removes most of the error, five passes
    /// nearly all, and starting from the true indexes a pass keeps them.</summary>
    [Fact]
    public void Refinement_recovers_direct_sums_of_nearly_orthogonal_codebooks()
    {
        manual_seed(4);
        using var centers = randn(8, 16, 64);
        using var offsets = Scalars.Arange(0, 8).mul(sixteen).unsqueeze(0);
        using var truth = randint(16, new long[] { 100, 8 }, dtype: ScalarType.Int64);
        using Scalar small = 0.01.ToScalar();
        using var x = Sum(centers, truth).add(randn(100, 64).mul(small), Scalars.One);
        using var start = randint(16, new long[] { 100, 8 }, dtype: ScalarType.Int64);
        var passes = new List<Tensor> { start };
        for (int i = 0; i < 5; i++) passes.Add(IndexRefinement.Refine(centers, x, passes[^1]));
        var errors = passes.Select(p => SquaredError(Sum(centers, p), x)).ToList();
        string shown = string.Join(" → ", errors.Select(e => e.ToString("F2")));
        Assert.True(errors[1] < 0.2 * errors[0], shown);
        Assert.True(errors[5] < errors[1] && errors[5] < 0.01 * errors[0], shown);
        using var kept = IndexRefinement.Refine(centers, x, truth);
        Assert.Equal(truth.data<long>().ToArray(), kept.data<long>().ToArray());
    }

    static readonly Scalar sixteen = 16.ToScalar();

    /// <summary>Σ_c centers[c, indexes[b, c]] for centers <c>[N, K, D]</c> and indexes <c>[B, N]</c>, by loops.</summary>
    static Tensor Sum(Tensor centers, Tensor indexes) =>
        stack(Enumerable.Range(0, (int)indexes.shape[0]).Select(b =>
            stack(Enumerable.Range(0, (int)indexes.shape[1]).Select(c => centers[c, indexes[b, c].item<long>()]).ToArray()).sum(0L)).ToArray());

    [Fact]
    public void Encode_then_decode_gives_the_sum_of_the_chosen_centers()
    {
        manual_seed(6);
        using var quantizer = new MultiCodebookQuantizer(dim: 10, codebookSize: 16, numCodebooks: 8);
        using var x = SyntheticEmbeddings.Make(24, 10, seed: 7).view(2, 12, 10);
        using var bytes = quantizer.Encode(x, refinements: 3);
        Assert.Equal(new long[] { 2, 12, 4 }, bytes.shape);
        Assert.Equal(ScalarType.Byte, bytes.dtype);
        using var indexes = quantizer.ComputeIndexes(x.view(24, 10), 3); // [24, 8]
        using var decoded = quantizer.Decode(bytes);
        Assert.Equal(new long[] { 2, 12, 10 }, decoded.shape);
        using var centers = quantizer.Centers().detach();
        // By hand: row r decodes to Σ_c centers[c, indexes[r, c]].
        for (int row = 0; row < 24; row++)
        {
            using var expected = stack(Enumerable.Range(0, 8).Select(c => centers[c, indexes[row, c].item<long>()]).ToArray()).sum(0L);
            Assert.True(SquaredError(decoded.view(24, 10)[row], expected) < 1e-8, $"row {row}: {SquaredError(decoded.view(24, 10)[row], expected)}");
        }
        using var fromIndexes = quantizer.Decode(indexes);
        Assert.True(SquaredError(fromIndexes, decoded.view(24, 10)) < 1e-12);
    }

    /// <summary>Indexes are computed in blocks of rows; a row's indexes must not depend on which block
    /// it falls in (rows at and around the block edges, alone, against the whole set at once).</summary>
    [Fact]
    public void Indexes_of_many_rows_equal_those_of_each_row_alone()
    {
        manual_seed(8);
        using var quantizer = new MultiCodebookQuantizer(dim: 10, codebookSize: 16, numCodebooks: 4);
        using var x = SyntheticEmbeddings.Make(600, 10, seed: 9);
        using var all = quantizer.ComputeIndexes(x, 2);
        Assert.Equal(new long[] { 600, 4 }, all.shape);
        foreach (long row in new long[] { 0, 255, 256, 257, 511, 512, 599 })
        {
            using var alone = quantizer.ComputeIndexes(x.narrow(0, row, 1), 2);
            Assert.True(alone[0].eq(all[row]).all().item<bool>(), $"row {row}");
        }
        using var none = quantizer.ComputeIndexes(x.narrow(0, 0, 0), 2);
        Assert.Equal(new long[] { 0, 4 }, none.shape);
    }

    [Fact]
    public void Fusion_into_codebooks_of_256_leaves_decoded_vectors_and_proposals_unchanged()
    {
        manual_seed(8);
        using var quantizer = new MultiCodebookQuantizer(dim: 9, codebookSize: 16, numCodebooks: 4);
        using (no_grad())
        using (Scalar tenth = 0.1.ToScalar())
            foreach (var p in quantizer.parameters()) p.add_(randn_like(p).mul(tenth), Scalars.One);
        using var fused = quantizer.ToProductQuantizer();
        Assert.Equal((256, 2, quantizer.Id), (fused.CodebookSize, fused.NumCodebooks, fused.Id));
        using var indexes = randint(16, new long[] { 50, 4 }, dtype: ScalarType.Int64);
        using var pairs = indexes.view(50, 2, 2);
        using var fusedIndexes = pairs.select(2, 0).mul(sixteen).add(pairs.select(2, 1), Scalars.One); // a·16 + b
        using var before = quantizer.Decode(indexes);
        using var after = fused.Decode(fusedIndexes);
        Assert.True(SquaredError(before, after) / SquaredError(before, zeros_like(before)) < 1e-10);
        using var x = randn(50, 9);
        using var logits = quantizer.Logits(x).detach(); // [50, 4, 16]
        using var fusedLogits = fused.Logits(x).detach(); // [50, 2, 256]
        using var expected = logits[.., 0].unsqueeze(2).add(logits[.., 1].unsqueeze(1), Scalars.One).view(50, 256);
        Assert.True(SquaredError(fusedLogits[.., 0], expected) < 1e-6);
    }

    [Fact]
    public void Save_and_load_keep_weights_shape_and_id()
    {
        using var temp = new TempDirectory();
        manual_seed(9);
        using var quantizer = new MultiCodebookQuantizer(dim: 6, codebookSize: 256, numCodebooks: 2);
        string path = Path.Combine(temp.Path, "quantizer.safetensors");
        quantizer.Save(path);
        using var loaded = MultiCodebookQuantizer.Load(path);
        Assert.Equal((6, 256, 2, quantizer.Id), (loaded.Dim, loaded.CodebookSize, loaded.NumCodebooks, loaded.Id));
        Assert.Matches("^[0-9a-f]{8}$", loaded.Id);
        using var x = randn(20, 6);
        using var a = quantizer.Encode(x, 2);
        using var b = loaded.Encode(x, 2);
        Assert.Equal(a.data<byte>().ToArray(), b.data<byte>().ToArray());
        using var other = new MultiCodebookQuantizer(dim: 6, codebookSize: 256, numCodebooks: 2);
        Assert.NotEqual(quantizer.Id, other.Id);
    }

    [Fact]
    public void A_file_that_is_not_a_quantizer_is_refused_by_name()
    {
        using var temp = new TempDirectory();
        string missing = Path.Combine(temp.Path, "none.safetensors");
        Assert.Contains(missing, Assert.Throws<CheckpointException>(() => MultiCodebookQuantizer.Load(missing)).Message);
        Assert.Throws<ConfigException>(() => new MultiCodebookQuantizer(dim: 4, codebookSize: 12, numCodebooks: 2));
    }
}
