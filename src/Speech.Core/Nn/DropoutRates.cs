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

    /// <summary>An embedding sum or a residual branch with <see cref="Residual"/> dropout while training.</summary>
    public TorchSharp.torch.Tensor OnResidual(TorchSharp.torch.Tensor x, bool training) => Apply(x, Residual, training);

    /// <summary>A feed-forward activation with <see cref="Activation"/> dropout while training.</summary>
    public TorchSharp.torch.Tensor OnActivation(TorchSharp.torch.Tensor x, bool training) => Apply(x, Activation, training);

    /// <summary><paramref name="x"/> itself unless training with a positive rate (no native call at inference).</summary>
    static TorchSharp.torch.Tensor Apply(TorchSharp.torch.Tensor x, double p, bool training) =>
        training && p > 0 ? TorchSharp.torch.nn.functional.dropout(x, p, true) : x;
}
