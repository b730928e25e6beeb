using System.Globalization;
using System.Security.Cryptography;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A multi-codebook vector quantizer (Guo et al. 2022, "Predicting Multi-Codebook Vector
/// Quantization Indexes for Knowledge Distillation"): a vector is approximated by a direct sum of
/// one center from each of N codebooks of K entries, x̂ = Σ_c centers[c, k_c]. A linear proposer
/// (<c>to_logits</c>) picks the starting indexes, <see cref="IndexRefinement"/> improves them.
/// Both scales are learned as exp(10 · s). Each quantizer carries a random 8-hex-digit id, saved
/// in its file's metadata (the reference keeps it in a uint8 buffer; a module buffer of bytes here
/// broke TorchSharp's training mode), so indexes of different quantizers are never mixed.</summary>
public sealed class MultiCodebookQuantizer : nn.Module
{
    /// <summary>The speed of the learned scales: a scale is exp(ScaleSpeed · s).</summary>
    static readonly Scalar ScaleSpeed = 10.0.ToScalar();
    static readonly Scalar Tiny = 1e-20.ToScalar();
    const string Format = "speech-mvq-quantizer";

    readonly Linear to_logits;
    readonly Parameter centers;       // [N, K, D], unscaled
    readonly Parameter logits_scale;  // []
    readonly Parameter centers_scale; // []

    public MultiCodebookQuantizer(int dim, int codebookSize, int numCodebooks, string? id = null) : base(nameof(MultiCodebookQuantizer))
    {
        if (dim < 1) throw new ConfigException($"quantizer dimension {dim}: must be positive");
        if (!IsPowerOfTwo(codebookSize) || !IsPowerOfTwo(numCodebooks))
            throw new ConfigException($"codebook size {codebookSize} and codebook count {numCodebooks} must be powers of two");
        Dim = dim;
        CodebookSize = codebookSize;
        NumCodebooks = numCodebooks;
        Id = id ?? RandomNumberGenerator.GetHexString(8, lowercase: true);
        if (Id.Length != 8 || !Id.All(Uri.IsHexDigit)) throw new ConfigException($"quantizer id '{Id}': expected 8 hex digits");
        to_logits = nn.Linear(dim, (long)codebookSize * numCodebooks);
        using (no_grad())
        {
            centers = new Parameter(to_logits.weight!.detach().clone().reshape(numCodebooks, codebookSize, dim));
            logits_scale = new Parameter(zeros(Array.Empty<long>()));
            centers_scale = new Parameter(zeros(Array.Empty<long>()));
        }
        RegisterComponents();
    }

    public int Dim { get; }
    public int CodebookSize { get; }
    public int NumCodebooks { get; }

    /// <summary>Eight lowercase hex digits, random at creation, kept through save, load and fusion.</summary>
    public string Id { get; }

    static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    /// <summary>The scaled centers <c>[N, K, D]</c>.</summary>
    public Tensor Centers() => centers.mul(centers_scale.mul(ScaleSpeed).exp());

    /// <summary>The proposer's logits <c>[B, N, K]</c> for <c>[B, D]</c>.</summary>
    public Tensor Logits(Tensor x) =>
        to_logits.forward(x.mul(logits_scale.mul(ScaleSpeed).exp())).view(x.shape[0], NumCodebooks, CodebookSize);

    /// <summary>Indexes <c>[B, N]</c> (int64) of <c>[B, D]</c>: the proposer's argmax, then
    /// <paramref name="refinements"/> passes of <see cref="IndexRefinement"/>.</summary>
    public Tensor ComputeIndexes(Tensor x, int refinements)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        CheckInput(x);
        var scaled = Centers();
        // Rows are independent; blocks keep the refinement's [rows, N, K', D] candidates in cache
        // (all of a held-out set at once took gigabytes and most of the time in page faults).
        var blocks = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += RowsPerBlock)
        {
            var block = x.narrow(0, start, Math.Min(RowsPerBlock, x.shape[0] - start));
            var indexes = Logits(block).argmax(-1);
            for (int i = 0; i < refinements; i++) indexes = IndexRefinement.Refine(scaled, block, indexes);
            blocks.Add(indexes);
        }
        if (blocks.Count == 0) return zeros(0, NumCodebooks, ScalarType.Int64, x.device).MoveToOuterDisposeScope();
        return (blocks.Count == 1 ? blocks[0] : cat(blocks, 0)).MoveToOuterDisposeScope();
    }

    const long RowsPerBlock = 256;

    /// <summary>Vectors <c>[*, D]</c> → uint8 indexes <c>[*, N / per byte]</c> (<see cref="IndexPacking"/>),
    /// after <paramref name="refinements"/> refinement passes (the reference default: 5).</summary>
    public Tensor Encode(Tensor x, int refinements = 5)
    {
        using var scope = NewDisposeScope();
        var indexes = ComputeIndexes(x.reshape(-1, x.shape[^1]).to(ScalarType.Float32), refinements);
        var packed = IndexPacking.Pack(indexes, CodebookSize);
        return packed.reshape(x.shape[..^1].Append(packed.shape[^1]).ToArray()).MoveToOuterDisposeScope();
    }

    /// <summary>Indexes <c>[*, N]</c> (any integer type) or bytes from <see cref="Encode"/>
    /// <c>[*, N / per byte]</c> → the sum of their centers <c>[*, D]</c>.</summary>
    public Tensor Decode(Tensor indexes)
    {
        using var scope = NewDisposeScope();
        long last = indexes.shape[^1];
        var flat = indexes.reshape(-1, last);
        if (last != NumCodebooks)
        {
            if (flat.dtype != ScalarType.Byte || last * IndexPacking.IndexesPerByte(CodebookSize) != NumCodebooks)
                throw new ConfigException($"quantizer {Id}: {last} indexes per vector, expected {NumCodebooks} (or that many packed into uint8)");
            flat = IndexPacking.Unpack(flat, CodebookSize);
        }
        long rows = flat.shape[0];
        using Scalar size = CodebookSize.ToScalar();
        var offsets = Scalars.Arange(0, NumCodebooks, flat.device).mul(size).unsqueeze(0); // [1, N]
        var rowsOfCenters = flat.to(ScalarType.Int64).add(offsets, Scalars.One).flatten();
        var sum = Centers().reshape(-1, Dim).index_select(0, rowsOfCenters).view(rows, NumCodebooks, Dim).sum(1); // [B, D]
        return sum.reshape(indexes.shape[..^1].Append(Dim).ToArray()).MoveToOuterDisposeScope();
    }

    /// <summary>The training loss of vectors <c>[*, D]</c> with indexes refined
    /// <paramref name="refinements"/> times (see <see cref="QuantizerLoss"/>).</summary>
    public QuantizerLoss ComputeLoss(Tensor x, int refinements)
    {
        using var scope = NewDisposeScope();
        x = x.reshape(-1, Dim).to(ScalarType.Float32);
        var indexes = ComputeIndexes(x, refinements); // [B, N]
        var error = Decode(indexes).sub(x).pow(Scalars.Two).sum();
        var dataMean = Centers().mean(new long[] { 1 }).sum(0L).detach(); // [D]
        var reconstruction = error.div(x.sub(dataMean).pow(Scalars.Two).sum().add(Tiny, Scalars.One));

        var logProbs = nn.functional.log_softmax(Logits(x), -1); // [B, N, K]
        var logProb = logProbs.gather(2, indexes.unsqueeze(2)).mean().neg();
        double reference = Math.Log(CodebookSize);
        using Scalar referenceEntropy = reference.ToScalar(), perReference = (1.0 / reference).ToScalar();
        var meanProbs = logProbs.exp().mean(new long[] { 0 }).add(Tiny, Scalars.One); // [N, K]
        var logitsEntropy = EntropyShortfall(meanProbs, referenceEntropy, perReference);
        var counts = nn.functional.one_hot(indexes, CodebookSize).to(ScalarType.Float32).mean(new long[] { 0 }).add(Tiny, Scalars.One);
        var indexEntropy = EntropyShortfall(counts, referenceEntropy, perReference).detach();
        return new QuantizerLoss(reconstruction.MoveToOuterDisposeScope(), logProb.MoveToOuterDisposeScope(),
            logitsEntropy.MoveToOuterDisposeScope(), indexEntropy.MoveToOuterDisposeScope());
    }

    /// <summary>(log K − mean over codebooks of H(p)) / log K for distributions <c>[N, K]</c>.</summary>
    static Tensor EntropyShortfall(Tensor probabilities, Scalar logK, Scalar perLogK) =>
        probabilities.mul(probabilities.log()).sum(1).mean().add(logK, Scalars.One).mul(perLogK);

    /// <summary>The quantizer with codebook pairs (2c, 2c+1) fused into one of K² entries:
    /// entry a·K + b is centers[2c, a] + centers[2c+1, b], and the proposer's rows and biases add
    /// the same way, so every vector decodes as before. The scales and the id carry over.</summary>
    public MultiCodebookQuantizer ToProductQuantizer()
    {
        if (NumCodebooks < 2) throw new ConfigException($"quantizer {Id}: one codebook cannot be fused in pairs");
        var fused = new MultiCodebookQuantizer(Dim, CodebookSize * CodebookSize, NumCodebooks / 2, Id);
        fused.to(centers.device);
        // Fusion happens mid-training, inside a caller's dispose scope: the new weights outlive it.
        foreach (var parameter in fused.parameters()) parameter.DetachFromDisposeScope();
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        fused.centers.copy_(PairSums(centers, Dim));
        fused.to_logits.weight!.copy_(PairSums(to_logits.weight!.view(NumCodebooks, CodebookSize, Dim), Dim).reshape(-1, Dim));
        fused.to_logits.bias!.copy_(PairSums(to_logits.bias!.view(NumCodebooks, CodebookSize, 1), 1).reshape(-1));
        fused.logits_scale.copy_(logits_scale);
        fused.centers_scale.copy_(centers_scale);
        return fused;
    }

    /// <summary><c>[N, K, E]</c> → <c>[N/2, K², E]</c>: row a·K + b of pair c is row a of 2c plus row b of 2c+1.</summary>
    static Tensor PairSums(Tensor rows, long width)
    {
        long n = rows.shape[0], k = rows.shape[1];
        var pairs = rows.view(n / 2, 2, k, width);
        return pairs.select(1, 0).unsqueeze(2).add(pairs.select(1, 1).unsqueeze(1), Scalars.One).reshape(n / 2, k * k, width);
    }

    void CheckInput(Tensor x)
    {
        if (x.dim() != 2 || x.shape[1] != Dim)
            throw new ConfigException($"quantizer {Id}: vectors of shape [{string.Join(", ", x.shape)}], expected [frames, {Dim}]");
    }

    /// <summary>Writes the weights and, as safetensors metadata, the shape and id.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format, ["dim"] = Dim.ToString(CultureInfo.InvariantCulture),
            ["codebook_size"] = CodebookSize.ToString(CultureInfo.InvariantCulture),
            ["num_codebooks"] = NumCodebooks.ToString(CultureInfo.InvariantCulture), ["quantizer_id"] = Id,
        };
        SafetensorsState.Save(this, path, metadata);
    }

    /// <summary>A quantizer saved by <see cref="Save"/>, in evaluation mode.</summary>
    public static MultiCodebookQuantizer Load(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: quantizer file not found");
        var file = SafetensorsFile.Open(path);
        string Field(string key) => file.Metadata.TryGetValue(key, out var value) ? value
            : throw new CheckpointException($"{path}: not a quantizer file (no '{key}' in its metadata)");
        if (Field("format") != Format) throw new CheckpointException($"{path}: format '{Field("format")}', expected '{Format}'");
        int Number(string key) => int.TryParse(Field(key), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
            : throw new CheckpointException($"{path}: metadata '{key}' is '{Field(key)}', not a number");
        var quantizer = new MultiCodebookQuantizer(Number("dim"), Number("codebook_size"), Number("num_codebooks"), Field("quantizer_id"));
        try
        {
            SafetensorsState.LoadInto(quantizer, new[] { file });
        }
        catch
        {
            quantizer.Dispose();
            throw;
        }
        quantizer.eval();
        return quantizer;
    }
}
