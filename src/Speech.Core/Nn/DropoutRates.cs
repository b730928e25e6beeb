namespace Speech.Core.Nn;

/// <summary>Dropout probabilities of a transformer, shared by all its layers so a loaded model can be
/// given other rates for a training run (Hugging Face's <c>dropout</c>, <c>attention_dropout</c>,
/// <c>activation_dropout</c>). Dropout acts only while a module is in training mode.</summary>
public sealed class DropoutRates
{
    /// <summary>On the embeddings and on each residual branch's output.</summary>
    public double Residual { get; set; }
    /// <summary>On the attention probabilities.</summary>
    public double Attention { get; set; }
    /// <summary>Inside the feed-forward block, after its activation.</summary>
    public double Activation { get; set; }

    /// <summary><paramref name="x"/> with dropout <paramref name="p"/> when <paramref name="training"/>,
    /// else <paramref name="x"/> itself (no native call at inference).</summary>
    public static TorchSharp.torch.Tensor Apply(TorchSharp.torch.Tensor x, double p, bool training) =>
        training && p > 0 ? TorchSharp.torch.nn.functional.dropout(x, p, true) : x;
}
