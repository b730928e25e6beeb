using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Pre-norm decoder block: causal self-attention, cross-attention to the encoder, MLP.</summary>
public sealed class WhisperDecoderLayer : nn.Module
{
    readonly MultiHeadAttention self_attn, encoder_attn;
    readonly LayerNorm self_attn_layer_norm, encoder_attn_layer_norm, final_layer_norm;
    readonly Linear fc1, fc2;

    public WhisperDecoderLayer(int dim, int heads, int ffnDim) : base(nameof(WhisperDecoderLayer))
    {
        self_attn = new MultiHeadAttention(dim, heads);
        self_attn_layer_norm = nn.LayerNorm(dim);
        encoder_attn = new MultiHeadAttention(dim, heads);
        encoder_attn_layer_norm = nn.LayerNorm(dim);
        fc1 = nn.Linear(dim, ffnDim);
        fc2 = nn.Linear(ffnDim, dim);
        final_layer_norm = nn.LayerNorm(dim);
        RegisterComponents();
    }

    /// <summary>[B, U, D] with encoder states [B, S, D] → [B, U, D]. The caches (optional) hold this
    /// layer's self-attention keys/values and the encoder's keys/values.</summary>
    public Tensor Forward(Tensor x, Tensor encoderStates, KeyValueCache? selfCache, KeyValueCache? crossCache, Tensor? keyMask)
    {
        using var scope = NewDisposeScope();
        x = x.add(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: true, selfCache, keyMask), Scalars.One);
        x = x.add(encoder_attn.CrossAttend(encoder_attn_layer_norm.forward(x), encoderStates, crossCache), Scalars.One);
        x = x.add(fc2.forward(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x)))), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
