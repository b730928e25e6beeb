using Speech.Asr.DistilWhisper;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.DistilWhisper;

public sealed class StudentInitializerTests
{
    [Theory]
    [InlineData(32, 2, new[] { 0, 31 })]
    [InlineData(4, 2, new[] { 0, 3 })]
    [InlineData(12, 3, new[] { 0, 5, 11 })]
    [InlineData(32, 4, new[] { 0, 10, 20, 31 })]   // linspace(0, 31, 4) = 0, 10.33, 20.67, 31
    [InlineData(24, 1, new[] { 23 })]               // a single layer is the last one
    [InlineData(6, 6, new[] { 0, 1, 2, 3, 4, 5 })]
    public void Maximally_spaced_layers_follow_truncated_linspace(int teacher, int student, int[] expected) =>
        Assert.Equal(expected, LayerMapping.MaximallySpaced(teacher, student));

    [Fact]
    public void More_student_than_teacher_layers_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerMapping.MaximallySpaced(2, 3));

    [Fact]
    public void Student_copies_mapped_layers_and_records_the_map()
    {
        using var scope = NewDisposeScope();
        using var teacher = WhisperModelTests.Varied(WhisperModelTests.Tiny with { DecoderLayers = 4 }, 41);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: 2);
        Assert.Equal(new[] { 0, 3 }, student.Config.DecoderLayerMap);
        Assert.Equal(new[] { 0, 1 }, student.Config.EncoderLayerMap);
        var t = teacher.state_dict();
        var s = student.state_dict();
        Assert.True(s["model.decoder.layers.1.fc1.weight"].equal(t["model.decoder.layers.3.fc1.weight"]).all().item<bool>());
        Assert.True(s["model.decoder.layers.0.encoder_attn.k_proj.weight"].equal(t["model.decoder.layers.0.encoder_attn.k_proj.weight"]).all().item<bool>());
        Assert.True(s["model.decoder.embed_tokens.weight"].equal(t["model.decoder.embed_tokens.weight"]).all().item<bool>());
        Assert.True(s["model.encoder.layers.1.fc2.bias"].equal(t["model.encoder.layers.1.fc2.bias"]).all().item<bool>());
        Assert.Contains("\"distil_decoder_layer_map\"", student.Config.ToJson());
    }

    [Fact]
    public void The_student_encoder_is_the_teachers_so_encoder_states_are_shared()
    {
        using var scope = NewDisposeScope();
        using var teacher = WhisperModelTests.Varied(WhisperModelTests.Tiny, 42);
        using var student = StudentInitializer.FromTeacher(teacher, decoderLayers: 1);
        StudentInitializer.FreezeEncoder(student);
        using var guard = no_grad();
        var mel = randn(1, 16, 30);
        Assert.True(student.Encode(mel).equal(teacher.Encode(mel)).all().item<bool>());
        Assert.All(student.Encoder.parameters(), p => Assert.False(p.requires_grad));
        Assert.Contains(student.Decoder.parameters(), p => p.requires_grad);
    }
}
