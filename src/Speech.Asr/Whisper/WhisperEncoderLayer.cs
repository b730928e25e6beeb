using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Pre-norm transformer block of Whisper's encoder (HF names).</summary>
public sealed class WhisperEncoderLayer : nn.Module<Tensor, Tensor>
{
    readonly MultiHeadAttention self_attn;
    readonly LayerNorm self_attn_layer_norm, final_layer_norm;
    readonly Linear fc1, fc2;
    readonly DropoutRates dropout;

    public WhisperEncoderLayer(int dim, int heads, int ffnDim, DropoutRates dropout) : base(nameof(WhisperEncoderLayer))
    {
        this.dropout = dropout;
        self_attn = new MultiHeadAttention(dim, heads, dropout: dropout);
        self_attn_layer_norm = nn.LayerNorm(dim);
        fc1 = nn.Linear(dim, ffnDim);
        fc2 = nn.Linear(ffnDim, dim);
        final_layer_norm = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>[B, T, D] → [B, T, D].</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        x = x.add(dropout.OnResidual(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: false), training), Scalars.One);
        var hidden = dropout.OnActivation(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x))), training);
        x = x.add(dropout.OnResidual(fc2.forward(hidden), training), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
