using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Whisper's text decoder: token + learned position embeddings, pre-norm blocks with
/// causal self-attention and cross-attention, a final norm, logits through the tied token
/// embedding. HF parameter names.</summary>
public sealed class WhisperDecoder : nn.Module
{
    readonly Embedding embed_tokens, embed_positions;
    readonly ModuleList<WhisperDecoderLayer> layers;
    readonly LayerNorm layer_norm;

    public WhisperDecoder(WhisperConfig config) : base(nameof(WhisperDecoder))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.DModel);
        embed_positions = nn.Embedding(config.MaxTargetPositions, config.DModel);
        layers = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers)
            .Select(_ => new WhisperDecoderLayer(config.DModel, config.DecoderAttentionHeads, config.DecoderFfnDim)).ToArray());
        layer_norm = nn.LayerNorm(config.DModel);
        RegisterComponents();
    }

    public int LayerCount => layers.Count;

    public long MaxPositions => embed_positions.weight!.shape[0];

    /// <summary>Parameters of the transformer blocks (what a shallower student drops), without the
    /// embeddings every decoder keeps.</summary>
    public long LayerParameterCount => layers.parameters().Sum(p => p.numel());

    /// <summary>Tokens <c>[B, U]</c> over encoder states <c>[B, S, D]</c> → logits <c>[B, U, V]</c>.
    /// With a state, the tokens continue after its cached ones and the caches grow.
    /// <paramref name="keyMask"/> (<c>[B, 1, 1, U_total]</c>, true = real token) masks padding.</summary>
    public Tensor Forward(Tensor tokens, Tensor encoderStates, WhisperDecoderState? state = null, Tensor? keyMask = null)
    {
        using var scope = NewDisposeScope();
        long offset = state?.Length ?? 0, count = tokens.shape[1];
        if (offset + count > MaxPositions)
            throw new ArgumentException($"{offset + count} decoder positions exceed max_target_positions {MaxPositions}");
        var x = embed_tokens.forward(tokens) + embed_positions.weight!.narrow(0, offset, count);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Forward(x, encoderStates, state?.Self[i], state?.Cross[i], keyMask);
        x = layer_norm.forward(x);
        return x.matmul(embed_tokens.weight!.t()).MoveToOuterDisposeScope();
    }
}
