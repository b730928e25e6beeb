using Speech.Verification.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Verification.Tests.Model;

public sealed class SpeakerHeadTests
{
    /// <summary>cos θ = 0.5 is θ = π/3; with m = 0.2: cos(π/3 + 0.2) = 0.3305… Past π − m (cos θ = −0.99 &lt;
    /// cos(π − 0.2) = −0.98007) the fallback is cos θ − m·sin(π − m) = −0.99 − 0.2·0.19867 = −1.02973.</summary>
    [Fact]
    public void Margin_follows_the_closed_form()
    {
        using var scope = NewDisposeScope();
        var cosine = tensor(new double[] { 0.5, 0.0, -0.99 });
        var marked = SpeakerHead.WithMargin(cosine, 0.2).data<double>().ToArray();
        Assert.Equal(Math.Cos(Math.PI / 3 + 0.2), marked[0], 6);
        Assert.Equal(Math.Cos(Math.PI / 2 + 0.2), marked[1], 6);
        Assert.Equal(-0.99 - 0.2 * Math.Sin(Math.PI - 0.2), marked[2], 6);
    }

    /// <summary>Class weights (1, 0) and (0, 1), a state (2, 2): both angles are π/4. With label 0 the
    /// logits are s·cos(π/4 + m) and s·cos(π/4); without a label both are s·cos(π/4).</summary>
    [Fact]
    public void Aam_logits_mark_only_the_labelled_class()
    {
        using var scope = NewDisposeScope();
        using var head = new SpeakerHead(2, 2, "aam", margin: 0.3, scale: 10);
        using (no_grad()) head.parameters().Single().copy_(eye(2));
        var state = tensor(new float[,] { { 2, 2 } });
        var training = head.Logits(state, tensor(new long[] { 0 })).data<float>().ToArray();
        Assert.Equal(10 * Math.Cos(Math.PI / 4 + 0.3), training[0], 4);
        Assert.Equal(10 * Math.Cos(Math.PI / 4), training[1], 4);
        var inference = head.Logits(state).data<float>().ToArray();
        Assert.Equal(10 * Math.Cos(Math.PI / 4), inference[0], 4);
    }
}
