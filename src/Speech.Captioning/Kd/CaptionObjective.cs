using Speech.Core.Errors;
using Speech.Core.Nn;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>The captioning objective as named, weighted terms: <c>ce</c> on reference captions,
/// <c>seq_kd</c> (CE on the teacher's beam-3 caption) and <c>enc_kd</c> (MSE or InfoNCE on clip
/// embeddings). Audio-only clips have no reference caption, so they add to the KD terms only.</summary>
public sealed class CaptionObjective(CaptionKdStudent student, CaptionObjectiveOptions options) : IObjective<CaptionBatch>
{
    public IReadOnlyList<LossTerm> Compute(CaptionBatch batch)
    {
        // The trainer's per-step dispose scope owns every tensor made here.
        var model = student.Model;
        var audio = model.Encode(batch.Features, batch.FeatureLengths);
        var (memory, mask) = model.Memory(audio);
        var terms = new List<LossTerm>();
        if (options.CeWeight > 0)
            terms.Add(new LossTerm("ce", TokenCrossEntropy(model.Logits(batch.Inputs, memory, mask), batch.Targets, options.LabelSmoothing), options.CeWeight));
        if (options.SeqKdWeight > 0)
        {
            if (batch.TeacherInputs is null || batch.TeacherTargets is null) throw new ConfigException("seq_kd_weight > 0 needs the teacher's captions (teacher targets)");
            terms.Add(new LossTerm("seq_kd", TokenCrossEntropy(model.Logits(batch.TeacherInputs, memory, mask), batch.TeacherTargets, options.LabelSmoothing), options.SeqKdWeight));
        }
        if (options.EncoderKd != EncoderKdKind.None)
        {
            if (batch.TeacherEmbeddings is null || student.Head is null) throw new ConfigException($"enc_kd {options.EncoderKd} needs the teacher's clip embeddings and a KD head");
            terms.Add(new LossTerm("enc_kd", student.Head.Loss(audio.Clip, batch.TeacherEmbeddings), options.EncoderKdWeight));
        }
        return terms;
    }

    /// <summary>Token CE over the targets that are not −100, mean over those tokens (0 when there are none,
    /// e.g. a batch of audio-only clips).</summary>
    public static Tensor TokenCrossEntropy(Tensor logits, Tensor targets, double labelSmoothing = 0)
    {
        using var scope = NewDisposeScope();
        var flat = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]).to(ScalarType.Float32), targets.reshape(-1),
            ignore_index: CaptionBatch.IgnoreIndex, reduction: nn.Reduction.None, label_smoothing: labelSmoothing);
        using var ignore = CaptionBatch.IgnoreIndex.ToScalar();
        var counted = targets.reshape(-1).ne(ignore).to(ScalarType.Float32);
        return ((flat * counted).sum() / counted.sum().clamp_min(Scalars.One)).MoveToOuterDisposeScope();
    }
}
