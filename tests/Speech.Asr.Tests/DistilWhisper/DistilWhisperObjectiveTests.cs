using Speech.Asr.DistilWhisper;
using Speech.Asr.Tests.Whisper.Training;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Core.Errors;
using Speech.Testing;
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
    public void Sharing_the_encoder_requires_it_frozen()
    {
        manual_seed(6);
        using var teacher = new WhisperModel(WhisperTrainingTests.Small);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: 1);
        var error = Assert.Throws<ConfigException>(() => new DistilWhisperObjective(student, teacher));
        Assert.Contains("frozen", error.Message);
    }
}
