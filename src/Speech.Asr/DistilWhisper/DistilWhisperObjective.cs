using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Distillation;
using Speech.Core.Errors;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.DistilWhisper;

/// <summary>Word-level distillation of a Whisper student from its frozen teacher on pseudo-label
/// batches: CE on the pseudo-labels plus temperature KL to the teacher's distributions at the same
/// (non-padding) positions.</summary>
public sealed class DistilWhisperObjective : IObjective<WhisperBatch>
{
    readonly WhisperModel student, teacher;
    readonly DistilWhisperOptions options;

    public DistilWhisperObjective(WhisperModel student, WhisperModel teacher, DistilWhisperOptions? options = null)
    {
        this.student = student;
        this.teacher = teacher;
        this.options = options ?? new DistilWhisperOptions();
        if (this.options.ShareEncoder && student.Encoder.parameters().Any(p => p.requires_grad))
            throw new ConfigException("share_encoder needs the student's encoder frozen (it is the teacher's)");
        foreach (var parameter in teacher.parameters()) parameter.requires_grad = false;
        teacher.eval();
    }

    public IReadOnlyList<LossTerm> Compute(WhisperBatch batch)
    {
        var dtype = student.parameters().First().dtype;
        var features = batch.Features.to(dtype);
        Tensor studentStates, teacherStates;
        if (options.ShareEncoder)
        {
            // The frozen encoder is the teacher's too, so it runs as at inference (no dropout).
            student.Encoder.eval();
            using (no_grad()) studentStates = student.Encode(features);
            teacherStates = studentStates.to(teacher.parameters().First().dtype);
        }
        else
        {
            studentStates = student.Encode(features);
            using (no_grad()) teacherStates = teacher.Encode(batch.Features.to(teacher.parameters().First().dtype));
        }
        // Only labelled positions are projected onto the vocabulary: the same N rows for both models.
        var positions = batch.LabelledPositions();
        var studentLogits = student.LogitsAt(studentStates, batch.DecoderInput, positions); // [N, V]
        Tensor teacherLogits;
        using (no_grad()) teacherLogits = teacher.LogitsAt(teacherStates, batch.DecoderInput, positions);

        var ce = nn.functional.cross_entropy(KdLoss.AtLeastFloat32(studentLogits), batch.LabelsAt(positions));
        var kl = KdLoss.ForwardKl(studentLogits, teacherLogits, mask: null, options.Temperature);
        return new[] { new LossTerm("ce_pl", ce, options.PlWeight), new LossTerm("kl", kl, options.KlWeight) };
    }
}
