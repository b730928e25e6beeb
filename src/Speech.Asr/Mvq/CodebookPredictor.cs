using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>The student's MVQ-KD head on a middle encoder layer: N independent 256-way linear
/// classifiers (icefall's JointCodebookLoss with is_joint = false; N doubles when successive teacher
/// frames are concatenated). With <c>joint</c> on, codebook c also sees the teacher's earlier indexes
/// k_1 … k_{c−1} (teacher forcing): logits_c = W2_c · ReLU(W1 h + s · Σ_{j&lt;c} E_j[k_j]) + b_c,
/// s = 0.5 · sqrt(hidden / N), hidden = the input width.</summary>
public sealed class CodebookPredictor : nn.Module
{
    public const int CodebookSize = 256;
    readonly Parameter linear2b_weight; // [N, K, D]
    readonly Parameter linear2b_bias;   // [N, K]
    readonly Linear? linear1;
    readonly Embedding? embedding;      // [(N − 1)·K, D]: E_j[k] at row j·K + k
    readonly int codebooks, dim;

    public CodebookPredictor(int dim, int codebooks, bool joint = false) : base(nameof(CodebookPredictor))
    {
        this.codebooks = codebooks;
        this.dim = dim;
        double bound = 1.0 / Math.Sqrt(dim);
        using (no_grad())
        {
            linear2b_weight = new Parameter(empty(codebooks, CodebookSize, dim).uniform_(-bound, bound));
            linear2b_bias = new Parameter(zeros(codebooks, CodebookSize));
        }
        if (joint)
        {
            linear1 = nn.Linear(dim, dim);
            embedding = nn.Embedding(Math.Max(1, codebooks - 1) * CodebookSize, dim);
        }
        RegisterComponents();
    }

    public int Codebooks => codebooks;

    /// <summary>Hidden states <c>[B, T, D]</c> (and, when joint, the targets <c>[B, T, N]</c>, −100 =
    /// padding) → logits <c>[B, T, N, 256]</c>.</summary>
    public Tensor Forward(Tensor hidden, Tensor? targets = null)
    {
        using var scope = NewDisposeScope();
        long b = hidden.shape[0], t = hidden.shape[1];
        Tensor inputs; // [B, T, N, D]
        if (linear1 is null) inputs = hidden.unsqueeze(2).expand(b, t, codebooks, dim);
        else
        {
            if (targets is null) throw new ArgumentException("a joint codebook predictor needs the teacher's indexes");
            var previous = targets.narrow(2, 0, codebooks - 1).clamp_min(Scalars.Zero); // [B, T, N−1]; padding → 0, ignored in the loss
            using Scalar size = CodebookSize.ToScalar(), scale = (0.5 * Math.Sqrt((double)dim / codebooks)).ToScalar();
            var rows = previous.add(Scalars.Arange(0, codebooks - 1, hidden.device).mul(size), Scalars.One);
            var embedded = embedding!.forward(rows).cumsum(2).mul(scale); // [B, T, N−1, D]: Σ_{j<c}
            var shifted = nn.functional.pad(embedded, new long[] { 0, 0, 1, 0 }); // [B, T, N, D], nothing before codebook 0
            inputs = nn.functional.relu(linear1.forward(hidden).unsqueeze(2).add(shifted, Scalars.One));
        }
        var logits = einsum("btnd,nkd->btnk", inputs, linear2b_weight).add(linear2b_bias, Scalars.One);
        return logits.MoveToOuterDisposeScope();
    }
}
