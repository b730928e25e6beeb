using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Captioning.Tests.Model;
using Speech.Core.Distillation;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Tests.Kd;

public sealed class EncoderKdTests
{
    /// <summary>Scale 0 makes every logit 0, so each row's softmax is uniform over B: CE = ln B both ways.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public void InfoNceWithScaleZeroIsLogB(int batch)
    {
        using var scope = NewDisposeScope();
        var embeddings = randn(batch, 8, generator: new Generator(3));
        Assert.Equal(Math.Log(batch), KdLoss.InfoNce(embeddings, embeddings, zeros(1)).item<float>(), 5);

        using var head = new EncoderKdHead(EncoderKdKind.Contrastive, 8, 8, sharedDim: 6);
        using (no_grad()) head.named_parameters().Single(p => p.name == "logit_scale").parameter.zero_();
        Assert.Equal(Math.Log(batch), head.Loss(embeddings, embeddings).item<float>(), 5);
    }

    /// <summary>Aligned pairs (a row matched with itself) fall below ln B once the scale is positive,
    /// and fall further as the scale grows; mismatched pairs do not.</summary>
    [Fact]
    public void InfoNceFallsForAlignedPairs()
    {
        using var scope = NewDisposeScope();
        var a = randn(8, 16, generator: new Generator(5));
        var shuffled = a[tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 0 })];
        double Loss(Tensor b, float scale) => KdLoss.InfoNce(a, b, tensor(scale)).item<float>();
        Assert.True(Loss(a, 2.66f) < Math.Log(8));
        Assert.True(Loss(a, 14.3f) < Loss(a, 2.66f));
        Assert.True(Loss(shuffled, 14.3f) > Math.Log(8));
    }

    /// <summary>The reference multiplies by the parameter itself (2.659 at start); CLIP by its exp (1/0.07).</summary>
    [Fact]
    public void LogitScaleIsDirectByDefaultAndExpOnRequest()
    {
        using var direct = new EncoderKdHead(EncoderKdKind.Contrastive, 4, 4);
        using var exp = new EncoderKdHead(EncoderKdKind.Contrastive, 4, 4, scaleKind: LogitScaleKind.Exp);
        Assert.Equal(LogitScaleKind.Direct, new CaptionObjectiveOptions().LogitScale);
        Assert.Equal(Math.Log(1 / 0.07), direct.Scale().item<float>(), 5);
        Assert.Equal(1 / 0.07, exp.Scale().item<float>(), 3);
    }

    /// <summary>The teacher runs live here (not cached), so a gradient could reach it if the loss did not
    /// detach it: after backward the teacher has no gradients, the student's encoder and head do.</summary>
    [Theory]
    [InlineData(EncoderKdKind.Mse)]
    [InlineData(EncoderKdKind.Contrastive)]
    public void GradientsReachOnlyTheStudent(EncoderKdKind kind)
    {
        using var teacher = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny(encoderDim: 24), seed: 2);
        using var studentModel = CaptionModelFixtures.Model(CaptionModelFixtures.Tiny(), seed: 3);
        using var student = new CaptionKdStudent(studentModel, new EncoderKdHead(kind, 16, 24, sharedDim: 8));
        foreach (var p in teacher.parameters()) p.requires_grad = true; // would collect gradients if any reached it
        var (features, lengths) = CaptionModelFixtures.Inputs(batch: 4);
        using var scope = NewDisposeScope();
        var teacherClip = teacher.Encode(features, lengths).Clip;
        var loss = student.Head!.Loss(student.Model.Encode(features, lengths).Clip, teacherClip);
        loss.backward();
        Assert.All(teacher.parameters(), p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0));
        var studentGrads = studentModel.named_parameters().Where(p => p.name.StartsWith("encoder.")).ToList();
        Assert.NotEmpty(studentGrads);
        Assert.All(studentGrads, p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().item<float>() > 0, p.name));
        Assert.All(student.Head.parameters(), p => Assert.NotNull(p.grad));
    }
}
