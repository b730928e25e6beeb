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
    readonly DropoutRates dropout;

    public WhisperDecoderLayer(int dim, int heads, int ffnDim, DropoutRates dropout) : base(nameof(WhisperDecoderLayer))
    {
        this.dropout = dropout;
        self_attn = new MultiHeadAttention(dim, heads, dropout: dropout);
        self_attn_layer_norm = nn.LayerNorm(dim);
        encoder_attn = new MultiHeadAttention(dim, heads, dropout: dropout);
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
        x = x.add(dropout.OnResidual(self_attn.SelfAttend(self_attn_layer_norm.forward(x), causal: true, selfCache, keyMask), training), Scalars.One);
        x = x.add(dropout.OnResidual(encoder_attn.CrossAttend(encoder_attn_layer_norm.forward(x), encoderStates, crossCache), training), Scalars.One);
        var hidden = dropout.OnActivation(nn.functional.gelu(fc1.forward(final_layer_norm.forward(x))), training);
        x = x.add(dropout.OnResidual(fc2.forward(hidden), training), Scalars.One);
        return x.MoveToOuterDisposeScope();
    }
}
