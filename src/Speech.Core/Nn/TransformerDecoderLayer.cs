using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>A pre-norm transformer decoder block: causal self-attention (padding masked), cross-
/// attention to a memory (padding masked), GELU feed-forward, dropout on each residual branch.</summary>
public sealed class TransformerDecoderLayer : nn.Module
{
    readonly MultiHeadAttention self_attn, encoder_attn;
    readonly LayerNorm self_attn_layer_norm, encoder_attn_layer_norm, final_layer_norm;
    readonly Linear fc1, fc2;
    readonly Dropout dropout;

    public TransformerDecoderLayer(int dim, int heads, int ffnDim, double dropoutRate = 0.1) : base(nameof(TransformerDecoderLayer))
    {
        self_attn = new MultiHeadAttention(dim, heads, keyBias: true);
        encoder_attn = new MultiHeadAttention(dim, heads, keyBias: true);
        self_attn_layer_norm = nn.LayerNorm(dim);
        encoder_attn_layer_norm = nn.LayerNorm(dim);
        final_layer_norm = nn.LayerNorm(dim);
        fc1 = nn.Linear(dim, ffnDim);
        fc2 = nn.Linear(ffnDim, dim);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>[B, U, D] with its key mask [B, 1, 1, U] over memory [B, S, D] with mask [B, 1, 1, S] → [B, U, D].</summary>
    public Tensor Forward(Tensor x, Tensor? keyMask, Tensor memory, Tensor memoryMask)
    {
        using var scope = NewDisposeScope();
        x = x.add(dropout.forward(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: true, keyMask: keyMask)), Scalars.One);
        x = x.add(dropout.forward(encoder_attn.CrossAttend(encoder_attn_layer_norm.forward(x), memory, memoryMask: memoryMask)), Scalars.One);
        x = x.add(dropout.forward(fc2.forward(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x))))), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
