using Speech.Core.Distillation;
using Speech.Core.Training;
using Speech.Verification.Model;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Speech.Verification.Training;

/// <summary>DeiT's objective for a speaker model: <c>(1−α)·CE(class head, speaker) + α·L_dist</c>,
/// where L_dist is <c>CE(distillation head, argmax teacher)</c> (hard) or
/// <c>T²·KL(softmax(z_t/T) ‖ softmax(z_d/T))</c> averaged over the batch (soft; DeiT divides the summed KL
/// by the logits' numel instead, which only rescales by 1/S). The teacher is frozen: eval mode,
/// no gradients, run under <c>no_grad</c> on the same batch; its logits are its class head's (no margin).
/// Without a teacher the loss is the class head's CE alone.</summary>
public sealed class SpeakerObjective : IObjective<SpeakerBatch>
{
    readonly SpeakerTransformer student;
    readonly SpeakerTransformer? teacher;
    readonly DistillationKind kind;
    readonly double alpha, temperature;

    public SpeakerObjective(SpeakerTransformer student, SpeakerTransformer? teacher = null,
        DistillationKind kind = DistillationKind.None, double alpha = 0.5, double temperature = 1.0)
    {
        if (kind != DistillationKind.None && (teacher is null || !student.Config.DistillationToken))
            throw new Core.Errors.ConfigException($"{kind} distillation needs a teacher and a student with a distillation token");
        if (teacher is not null && teacher.Config.NumSpeakers != student.Config.NumSpeakers)
            throw new Core.Errors.ConfigException($"teacher knows {teacher.Config.NumSpeakers} speakers, student {student.Config.NumSpeakers}");
        this.student = student;
        this.teacher = kind == DistillationKind.None ? null : teacher;
        this.kind = kind;
        this.alpha = alpha;
        this.temperature = temperature;
        if (this.teacher is not null) Freeze(this.teacher);
    }

    /// <summary>Eval mode (no dropout, mean class token) and no gradients, for good.</summary>
    public static void Freeze(SpeakerTransformer teacher)
    {
        teacher.eval();
        foreach (var p in teacher.parameters()) p.requires_grad = false;
    }

    public IReadOnlyList<LossTerm> Compute(SpeakerBatch batch)
    {
        // The trainer's per-step dispose scope owns every tensor made here.
        if (teacher is null)
        {
            var plain = student.Forward(batch.Features, batch.FeatureLengths, batch.Speakers);
            return [new LossTerm("ce_class", F.cross_entropy(plain.ClassLogits, batch.Speakers))];
        }
        Tensor teacherLogits;
        using (no_grad()) teacherLogits = teacher.Forward(batch.Features, batch.FeatureLengths).ClassLogits.detach();
        var teacherLabels = teacherLogits.argmax(-1);
        var output = student.Forward(batch.Features, batch.FeatureLengths, batch.Speakers,
            kind == DistillationKind.Hard ? teacherLabels : null);
        var classTerm = F.cross_entropy(output.ClassLogits, batch.Speakers);
        var distillationTerm = kind == DistillationKind.Hard
            ? F.cross_entropy(output.DistillationLogits!, teacherLabels)
            : KdLoss.ForwardKl(output.DistillationLogits!, teacherLogits, temperature: temperature);
        return [new LossTerm("ce_class", classTerm, 1 - alpha), new LossTerm(kind == DistillationKind.Hard ? "ce_dist" : "kl_dist", distillationTerm, alpha)];
    }
}
