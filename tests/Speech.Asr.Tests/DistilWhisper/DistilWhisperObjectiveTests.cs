using Speech.Asr.DistilWhisper;
using Speech.Asr.Tests.Whisper.Training;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Errors;
using Speech.Core.Nn;
using Speech.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.DistilWhisper;

public sealed class DistilWhisperObjectiveTests
{
    [Fact]
    public void A_student_identical_to_its_teacher_has_zero_kl_and_the_plain_ce()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var teacher = new WhisperModel(WhisperTrainingTests.Small);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: teacher.Config.DecoderLayers);
        StudentInitializer.FreezeEncoder(student);
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), WhisperTrainingTests.Small);
        using var batch = builder.Build(MiniCorpus.Split("dev").Take(3).ToList());

        var terms = new DistilWhisperObjective(student, teacher).Compute(batch);
        var plain = new WhisperCrossEntropyObjective(student).Compute(batch).Single();
        Assert.Equal(new[] { ("ce_pl", 0.8), ("kl", 1.0) }, terms.Select(t => (t.Name, t.Weight)));
        Assert.Equal(plain.Value.item<float>(), terms[0].Value.item<float>(), 4);
        Assert.Equal(0f, terms[1].Value.item<float>(), 5);
    }

    [Fact]
    public void Projecting_only_labelled_positions_equals_masking_the_full_logits()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var teacher = new WhisperModel(WhisperTrainingTests.Small);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: 1);
        StudentInitializer.FreezeEncoder(student);
        using Scalar spread = 0.05.ToScalar(), ignore = WhisperBatch.Ignore.ToScalar();
        using (no_grad()) foreach (var p in student.Decoder.parameters()) p.add_(randn_like(p).mul(spread), Scalars.One); // student ≠ teacher
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), WhisperTrainingTests.Small);
        using var batch = builder.Build(MiniCorpus.Split("dev").Take(4).ToList()); // uneven lengths: padding to skip
        Assert.True(batch.Labels.eq(ignore).any().item<bool>());

        var terms = new DistilWhisperObjective(student, teacher).Compute(batch);

        // The straightforward way: logits at every position, padding masked out afterwards.
        var states = student.Encode(batch.Features);
        var studentLogits = student.Decoder.Forward(batch.DecoderInput, states);
        var teacherLogits = teacher.Decoder.Forward(batch.DecoderInput, states);
        long vocabulary = studentLogits.shape[^1];
        var ce = nn.functional.cross_entropy(studentLogits.reshape(-1, vocabulary), batch.Labels.reshape(-1), ignore_index: WhisperBatch.Ignore);
        var kl = Speech.Core.Distillation.KdLoss.ForwardKl(studentLogits, teacherLogits, batch.Labels.ne(ignore), temperature: 2.0);
        Assert.Equal(ce.item<float>(), terms[0].Value.item<float>(), 4);
        Assert.Equal(kl.item<float>(), terms[1].Value.item<float>(), 4);
        Assert.True(kl.item<float>() > 1e-3);
        Assert.Equal(ce.item<float>(), new WhisperCrossEntropyObjective(student).Compute(batch).Single().Value.item<float>(), 4);
    }

    [Fact]
    public void Sharing_the_encoder_requires_it_frozen()
    {
        manual_seed(6);
        using var teacher = new WhisperModel(WhisperTrainingTests.Small);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: 1);
        var error = Assert.Throws<ConfigException>(() => new DistilWhisperObjective(student, teacher));
        Assert.Contains("frozen", error.Message);
    }
}
