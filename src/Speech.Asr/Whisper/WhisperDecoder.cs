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
    readonly DropoutRates dropout;

    public WhisperDecoder(WhisperConfig config, DropoutRates dropout) : base(nameof(WhisperDecoder))
    {
        this.dropout = dropout;
        embed_tokens = nn.Embedding(config.VocabSize, config.DModel);
        embed_positions = nn.Embedding(config.MaxTargetPositions, config.DModel);
        layers = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers)
            .Select(_ => new WhisperDecoderLayer(config.DModel, config.DecoderAttentionHeads, config.DecoderFfnDim, dropout)).ToArray());
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
        return Logits(HiddenStates(tokens, encoderStates, state, keyMask)).MoveToOuterDisposeScope();
    }

    /// <summary>As <see cref="Forward"/> up to the final norm: states <c>[B, U, D]</c>. Training
    /// projects only the positions it learns from (<see cref="Logits"/>), because the projection onto
    /// a 51,864-token vocabulary costs more than the whole decoder.</summary>
    public Tensor HiddenStates(Tensor tokens, Tensor encoderStates, WhisperDecoderState? state = null, Tensor? keyMask = null)
    {
        using var scope = NewDisposeScope();
        long offset = state?.Length ?? 0, count = tokens.shape[1];
        if (offset + count > MaxPositions)
            throw new ArgumentException($"{offset + count} decoder positions exceed max_target_positions {MaxPositions}");
        var x = dropout.OnResidual(embed_tokens.forward(tokens).add(embed_positions.weight!.narrow(0, offset, count), Scalars.One), training);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Forward(x, encoderStates, state?.Self[i], state?.Cross[i], keyMask);
        return layer_norm.forward(x).MoveToOuterDisposeScope();
    }

    /// <summary>The tied output projection <c>[V, D]</c> (the token embedding).</summary>
    public Tensor OutputWeight => embed_tokens.weight!;

    /// <summary>Final-norm states <c>[..., D]</c> → logits <c>[..., V]</c> through the tied token embedding.</summary>
    public Tensor Logits(Tensor hiddenStates) => hiddenStates.matmul(embed_tokens.weight!.t());
}
