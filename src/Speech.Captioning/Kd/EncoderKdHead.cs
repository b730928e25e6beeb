using Speech.Core.Distillation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>The trainable part of encoder-level KD (trained with the student, dropped after): the
/// student's clip embedding projected to a shared width, and for InfoNCE the teacher's projected
/// too plus the learnable logit scale. MSE regresses the student projection onto the teacher's
/// embedding itself (the reference's use_tchr_proj = False), so the target cannot shrink with a
/// trainable teacher projection.</summary>
public sealed class EncoderKdHead : nn.Module
{
    readonly Linear student_proj;
    readonly Linear? teacher_proj;
    readonly Parameter? logit_scale;

    public EncoderKdHead(EncoderKdKind kind, int studentDim, int teacherDim, int sharedDim = 256,
        LogitScaleKind scaleKind = LogitScaleKind.Direct) : base(nameof(EncoderKdHead))
    {
        if (kind == EncoderKdKind.None) throw new ArgumentException("no head for encoder KD 'none'");
        Kind = kind;
        ScaleKind = scaleKind;
        if (kind == EncoderKdKind.Mse) student_proj = nn.Linear(studentDim, teacherDim);
        else
        {
            student_proj = nn.Linear(studentDim, sharedDim);
            teacher_proj = nn.Linear(teacherDim, sharedDim);
            logit_scale = nn.Parameter(tensor(InitialLogitScale));
        }
        RegisterComponents();
    }

    /// <summary>ln(1/0.07), the reference's (and CLIP's) initial value.</summary>
    public static readonly float InitialLogitScale = (float)Math.Log(1 / 0.07);

    public EncoderKdKind Kind { get; }

    public LogitScaleKind ScaleKind { get; }

    /// <summary>The loss between student clip embeddings <c>[B, Es]</c> and the teacher's <c>[B, Et]</c>
    /// (detached: no gradient reaches the teacher).</summary>
    public Tensor Loss(Tensor studentClip, Tensor teacherClip)
    {
        using var scope = NewDisposeScope();
        var teacher = teacherClip.detach().to(studentClip.dtype);
        var projected = student_proj.forward(studentClip);
        var loss = Kind == EncoderKdKind.Mse
            ? KdLoss.Mse(projected, teacher)
            : KdLoss.InfoNce(projected, teacher_proj!.forward(teacher), Scale());
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The multiplier of the cosine logits.</summary>
    public Tensor Scale() => ScaleKind == LogitScaleKind.Direct ? logit_scale!.alias() : KdLoss.ScaleFromLog(logit_scale!);
}
