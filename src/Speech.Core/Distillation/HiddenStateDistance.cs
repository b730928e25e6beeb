using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Distillation;

public enum HiddenDistance { Mse, L1, Cosine }

/// <summary>A hidden-state KD term with an optional learned projection from the student's width to
/// the teacher's (FitNets-style), so layers of different sizes can be matched.</summary>
public sealed class HiddenStateDistance : nn.Module<Tensor, Tensor, Tensor?, Tensor>
{
    readonly Linear? projection;
    readonly HiddenDistance distance;

    public HiddenStateDistance(int studentDim, int teacherDim, HiddenDistance distance = HiddenDistance.Mse) : base(nameof(HiddenStateDistance))
    {
        this.distance = distance;
        projection = studentDim == teacherDim ? null : nn.Linear(studentDim, teacherDim);
        RegisterComponents();
    }

    /// <summary>Student <c>[..., Ds]</c>, teacher <c>[..., Dt]</c>, mask <c>[...]</c> → scalar loss.</summary>
    public override Tensor forward(Tensor student, Tensor teacher, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        var projected = projection is null ? student : projection.forward(student);
        var loss = distance switch
        {
            HiddenDistance.Mse => KdLoss.Mse(projected, teacher, mask),
            HiddenDistance.L1 => KdLoss.L1(projected, teacher, mask),
            _ => KdLoss.Cosine(projected, teacher, mask),
        };
        return loss.MoveToOuterDisposeScope();
    }
}
