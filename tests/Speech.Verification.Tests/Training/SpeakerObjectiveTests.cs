using Speech.Core.Errors;
using Speech.Verification.Tests.Model;
using Speech.Verification.Training;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Speech.Verification.Tests.Training;

public sealed class SpeakerObjectiveTests
{
    static SpeakerBatch Batch()
    {
        var (features, lengths) = SpeakerModels.Inputs();
        return new SpeakerBatch(features, lengths, tensor(new long[] { 0, 3, 4 }), ["a", "b", "c"]);
    }

    static Tensor Total(IReadOnlyList<Speech.Core.Training.LossTerm> terms)
    {
        Tensor? total = null;
        foreach (var term in terms)
        {
            using var weight = term.Weight.ToScalar();
            var weighted = term.Value.mul(weight);
            total = total is null ? weighted : total.add(weighted, Speech.Core.Nn.Scalars.One);
        }
        return total!;
    }

    [Theory]
    [InlineData(DistillationKind.Hard)]
    [InlineData(DistillationKind.Soft)]
    public void Gradients_reach_the_student_and_never_the_frozen_teacher(DistillationKind kind)
    {
        using var scope = NewDisposeScope();
        using var student = SpeakerModels.Create(SpeakerModels.Student(head: "aam"));
        using var teacher = SpeakerModels.Create(SpeakerModels.Teacher(), seed: 8);
        var objective = new SpeakerObjective(student, teacher, kind);
        using var batch = Batch();
        Total(objective.Compute(batch)).backward();
        Assert.All(teacher.parameters(), p => Assert.Null(p.grad));
        Assert.All(teacher.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(teacher.training);
        var named = student.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.True(named["distillation_token"].grad!.abs().sum().item<float>() > 0);
        Assert.True(named["class_tokens"].grad!.abs().sum().item<float>() > 0);
    }

    /// <summary>Hard: the terms are CE(class head with margin at the label, label) weighted 1 − α and
    /// CE(distillation head with margin at the teacher's argmax, that argmax) weighted α. Recomputed here
    /// from the model's outputs and the teacher's class logits, in eval mode (no dropout).</summary>
    [Fact]
    public void Hard_terms_are_the_two_cross_entropies_weighted_by_alpha()
    {
        using var scope = NewDisposeScope();
        using var student = SpeakerModels.Create(SpeakerModels.Student());
        using var teacher = SpeakerModels.Create(SpeakerModels.Teacher(), seed: 8);
        student.eval();
        var objective = new SpeakerObjective(student, teacher, DistillationKind.Hard, alpha: 0.3);
        using var batch = Batch();
        var terms = objective.Compute(batch);
        Assert.Equal(["ce_class", "ce_dist"], terms.Select(t => t.Name));
        Assert.Equal([0.7, 0.3], terms.Select(t => t.Weight), (a, b) => Math.Abs(a - b) < 1e-12);
        var teacherArgmax = teacher.Forward(batch.Features, batch.FeatureLengths).ClassLogits.argmax(-1);
        var output = student.Forward(batch.Features, batch.FeatureLengths, batch.Speakers, teacherArgmax);
        Assert.Equal(F.cross_entropy(output.ClassLogits, batch.Speakers).item<float>(), terms[0].Value.item<float>(), 5);
        Assert.Equal(F.cross_entropy(output.DistillationLogits!, teacherArgmax).item<float>(), terms[1].Value.item<float>(), 5);
    }

    [Fact]
    public void Without_a_teacher_only_the_class_cross_entropy_counts()
    {
        using var scope = NewDisposeScope();
        using var student = SpeakerModels.Create(SpeakerModels.Student(distillation: false));
        var terms = new SpeakerObjective(student).Compute(Batch());
        Assert.Equal("ce_class", Assert.Single(terms).Name);
        Assert.Throws<ConfigException>(() => new SpeakerObjective(student, student, DistillationKind.Hard));
    }

    /// <summary>LeakGuard: repeated training steps and embeddings in per-step scopes leave the thread's
    /// live tensor count where it was.</summary>
    [Fact]
    public void Repeated_steps_keep_the_live_tensor_count_flat()
    {
        using var student = SpeakerModels.Create(SpeakerModels.Student(classTokens: 3));
        using var teacher = SpeakerModels.Create(SpeakerModels.Teacher(), seed: 8);
        var objective = new SpeakerObjective(student, teacher, DistillationKind.Soft, temperature: 2);
        void Step()
        {
            using var scope = NewDisposeScope();
            using var batch = Batch();
            Total(objective.Compute(batch)).backward();
            student.eval();
            student.Embed(batch.Features, batch.FeatureLengths);
            student.train();
        }
        Step(); // warm up lazily made tensors (gradients)
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++) Step();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
