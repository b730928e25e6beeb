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

    public WhisperEncoderLayer(int dim, int heads, int ffnDim) : base(nameof(WhisperEncoderLayer))
    {
        self_attn = new MultiHeadAttention(dim, heads);
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
        x = x.add(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: false), Scalars.One);
        x = x.add(fc2.forward(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x)))), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
