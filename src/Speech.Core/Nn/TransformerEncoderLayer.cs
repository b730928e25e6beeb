using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>A pre-norm transformer encoder block (self-attention with a key padding mask, then a
/// GELU feed-forward), with dropout on both residual branches.</summary>
public sealed class TransformerEncoderLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    readonly MultiHeadAttention self_attn;
    readonly LayerNorm self_attn_layer_norm, final_layer_norm;
    readonly Linear fc1, fc2;
    readonly Dropout dropout;

    public TransformerEncoderLayer(int dim, int heads, int ffnDim, double dropoutRate = 0.1) : base(nameof(TransformerEncoderLayer))
    {
        self_attn = new MultiHeadAttention(dim, heads, keyBias: true);
        self_attn_layer_norm = nn.LayerNorm(dim);
        fc1 = nn.Linear(dim, ffnDim);
        fc2 = nn.Linear(ffnDim, dim);
        final_layer_norm = nn.LayerNorm(dim);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>[B, T, D] with key mask [B, 1, 1, T] (true = valid) → [B, T, D].</summary>
    public override Tensor forward(Tensor x, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        x = x.add(dropout.forward(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: false, keyMask: keyMask)), Scalars.One);
        x = x.add(dropout.forward(fc2.forward(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x))))), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
