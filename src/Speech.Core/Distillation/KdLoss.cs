using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Speech.Core.Distillation;

/// <summary>Knowledge-distillation losses as pure tensor functions. Logits are <c>[..., V]</c>;
/// masks are bool with <c>true</c> = counts, shaped as the logits without the last dimension;
/// every loss is a sum over counted positions divided by their number (the normaliser is stated
/// per function). KL is written from log-softmax outputs (TorchSharp's kl_div defaults to
/// log_target = true, a trap).</summary>
public static class KdLoss
{
    /// <summary>Forward KL(teacher ‖ student) with temperature (Hinton; distil-whisper):
    /// <c>T² · Σ_v q_v (log q_v − log p_v)</c>, <c>q = softmax(t/T)</c>, <c>p = softmax(s/T)</c>,
    /// averaged over counted positions. The teacher gets no gradient.</summary>
    public static Tensor ForwardKl(Tensor studentLogits, Tensor teacherLogits, Tensor? mask = null, double temperature = 1.0)
    {
        using var scope = NewDisposeScope();
        using Scalar t = temperature.ToScalar(), tSquared = (temperature * temperature).ToScalar();
        var logP = F.log_softmax(AtLeastFloat32(studentLogits).div(t), -1);
        var logQ = F.log_softmax(AtLeastFloat32(teacherLogits.detach()).div(t), -1);
        var perPosition = (logQ.exp() * (logQ - logP)).sum(-1); // [...]
        return MaskedMean(perPosition, mask).mul(tSquared).MoveToOuterDisposeScope();
    }

    /// <summary>Reverse KL(student ‖ teacher): <c>T² · Σ_v p_v (log p_v − log q_v)</c>, mode-seeking.</summary>
    public static Tensor ReverseKl(Tensor studentLogits, Tensor teacherLogits, Tensor? mask = null, double temperature = 1.0)
    {
        using var scope = NewDisposeScope();
        using Scalar t = temperature.ToScalar(), tSquared = (temperature * temperature).ToScalar();
        var logP = F.log_softmax(AtLeastFloat32(studentLogits).div(t), -1);
        var logQ = F.log_softmax(AtLeastFloat32(teacherLogits.detach()).div(t), -1);
        var perPosition = (logP.exp() * (logP - logQ)).sum(-1);
        return MaskedMean(perPosition, mask).mul(tSquared).MoveToOuterDisposeScope();
    }

    /// <summary>Soft-label cross-entropy mixed with label-smoothed hard-label CE (Futami et al.):
    /// <c>α·(−Σ_v target_v log p_v) + (1−α)·[(1−ε)(−log p_y) + ε·(−mean_v log p_v)]</c>,
    /// averaged over counted positions. Hard labels equal to <paramref name="ignoreIndex"/> do not count.</summary>
    public static Tensor SoftLabelCrossEntropy(Tensor studentLogits, Tensor softTargets, Tensor hardLabels,
        double alpha, double smoothing = 0.0, Tensor? mask = null, long ignoreIndex = -100)
    {
        using var scope = NewDisposeScope();
        using Scalar ignore = ignoreIndex.ToScalar(), keep = (1 - smoothing).ToScalar(), spread = smoothing.ToScalar(),
            softShare = alpha.ToScalar(), hardShare = (1 - alpha).ToScalar();
        var logP = F.log_softmax(AtLeastFloat32(studentLogits), -1);
        var soft = -(softTargets.detach() * logP).sum(-1);
        var valid = hardLabels.ne(ignore);
        var safeLabels = hardLabels.masked_fill(valid.logical_not(), Scalars.Zero);
        var nll = -logP.gather(-1, safeLabels.unsqueeze(-1)).squeeze(-1);
        var smoothed = nll.mul(keep) - logP.mean(new long[] { -1 }).mul(spread);
        var perPosition = soft.mul(softShare).add(smoothed.mul(hardShare), Scalars.One);
        var counted = mask is null ? valid : valid.logical_and(mask);
        return MaskedMean(perPosition, counted).MoveToOuterDisposeScope();
    }

    /// <summary>Mean squared error between hidden states <c>[..., D]</c>, mean over counted positions
    /// and over D. Project the student first when widths differ (<see cref="HiddenStateDistance"/>).</summary>
    public static Tensor Mse(Tensor student, Tensor teacher, Tensor? mask = null)
    {
        using var scope = NewDisposeScope();
        var perPosition = (student - teacher.detach()).pow(Scalars.Two).mean(new long[] { -1 });
        return MaskedMean(perPosition, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Mean absolute error between hidden states, mean over counted positions and over D.</summary>
    public static Tensor L1(Tensor student, Tensor teacher, Tensor? mask = null)
    {
        using var scope = NewDisposeScope();
        var perPosition = (student - teacher.detach()).abs().mean(new long[] { -1 });
        return MaskedMean(perPosition, mask).MoveToOuterDisposeScope();
    }

    /// <summary><c>1 − cos(student, teacher)</c> per position, averaged over counted positions.</summary>
    public static Tensor Cosine(Tensor student, Tensor teacher, Tensor? mask = null)
    {
        using var scope = NewDisposeScope();
        var perPosition = F.cosine_similarity(student, teacher.detach(), -1, 1e-8).negative().add(Scalars.One, Scalars.One); // 1 − cos
        return MaskedMean(perPosition, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Symmetric in-batch InfoNCE (CLIP): <c>logits = scale · â·b̂ᵀ</c> over L2-normalised
    /// rows of <c>[B, D]</c>; the loss is the mean of the row-wise and column-wise cross-entropies with
    /// the diagonal as the positives. <paramref name="scale"/> is the multiplier itself (a scalar
    /// tensor, so it may be learned); use <see cref="ScaleFromLog"/> for CLIP's log parameterisation.</summary>
    public static Tensor InfoNce(Tensor a, Tensor b, Tensor scale)
    {
        using var scope = NewDisposeScope();
        var logits = scale * F.normalize(a, p: 2, dim: -1).matmul(F.normalize(b, p: 2, dim: -1).t()); // [B, B]
        var targets = Scalars.Arange(0, a.shape[0], a.device);
        var loss = F.cross_entropy(logits, targets).add(F.cross_entropy(logits.t(), targets), Scalars.One).div(Scalars.Two);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>CLIP's parameterisation: <c>scale = exp(logScale)</c>, capped at <paramref name="max"/> (100).</summary>
    public static Tensor ScaleFromLog(Tensor logScale, double max = 100)
    {
        using var cap = Math.Log(max).ToScalar();
        return logScale.clamp_max(cap).exp();
    }

    /// <summary>Codebook-index prediction (MVQ-KD): logits <c>[..., N, K]</c> against indexes
    /// <c>[..., N]</c> (int64; <paramref name="ignoreIndex"/> marks padding). N independent K-way
    /// cross-entropies, summed over codebooks and averaged over counted frames (a frame counts when
    /// any of its indexes does).</summary>
    public static Tensor CodebookCrossEntropy(Tensor logits, Tensor indexes, long ignoreIndex = -100)
    {
        using var scope = NewDisposeScope();
        long classes = logits.shape[^1];
        var flatLogits = logits.reshape(-1, classes);
        var flatTargets = indexes.reshape(-1);
        var perEntry = F.cross_entropy(flatLogits, flatTargets, ignore_index: ignoreIndex, reduction: nn.Reduction.None)
            .reshape(indexes.shape); // [..., N], zero where ignored
        using var ignore = ignoreIndex.ToScalar();
        var frameCounts = indexes.ne(ignore).any(-1);
        var frames = frameCounts.sum().clamp_min(Scalars.One).to(perEntry.dtype);
        return (perEntry.sum() / frames).MoveToOuterDisposeScope();
    }

    /// <summary>Losses are computed in float32 at least (bf16/f16 logits lose too much in log-softmax).</summary>
    public static Tensor AtLeastFloat32(Tensor t) =>
        t.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? t.to(ScalarType.Float32) : t;

    /// <summary>Mean of <paramref name="values"/> over positions where <paramref name="mask"/> is true
    /// (all positions without a mask); 0 when none counts.</summary>
    public static Tensor MaskedMean(Tensor values, Tensor? mask)
    {
        if (mask is null) return values.mean();
        using var scope = NewDisposeScope();
        var weights = mask.to(values.dtype);
        return ((values * weights).sum() / weights.sum().clamp_min(Scalars.One)).MoveToOuterDisposeScope();
    }
}
