using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using TransformerDecoderLayer = Speech.Core.Nn.TransformerDecoderLayer;

namespace Speech.Asr.BertCtc;

/// <summary>A small teacher-forced attention decoder over the BERT's WordPiece vocabulary, reading
/// one encoder layer (normalised first, since intermediate block outputs are not): it exists only
/// in training, to carry the BERT's distributions into that layer, and is dropped at export.</summary>
public sealed class AuxiliaryDecoder : nn.Module
{
    public const int MaxTokens = 512;

    readonly LayerNorm memory_norm, layer_norm;
    readonly Embedding embed_tokens;
    readonly ModuleList<TransformerDecoderLayer> layers;
    readonly Tensor positions; // [MaxTokens, D], fixed

    public AuxiliaryDecoder(int dim, int vocabularySize, BertCtcOptions options) : base(nameof(AuxiliaryDecoder))
    {
        memory_norm = nn.LayerNorm(dim);
        embed_tokens = nn.Embedding(vocabularySize, dim);
        layers = nn.ModuleList(Enumerable.Range(0, options.DecoderLayers)
            .Select(_ => new TransformerDecoderLayer(dim, options.DecoderHeads, options.DecoderFfnDim, options.DecoderDropout)).ToArray());
        layer_norm = nn.LayerNorm(dim);
        positions = Sinusoids.Table(MaxTokens, dim).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>Next-token logits <c>[B, U, V]</c> for inputs <c>[B, U]</c> (valid <c>[B, U]</c>) over an
    /// encoder layer <c>[B, S, D]</c> with mask <c>[B, 1, 1, S]</c>.</summary>
    public Tensor Forward(Tensor tokens, Tensor valid, Tensor encoderLayer, Tensor memoryMask)
    {
        using var scope = NewDisposeScope();
        long length = tokens.shape[1];
        if (length > MaxTokens) throw new ArgumentException($"{length} decoder positions, at most {MaxTokens}");
        var memory = memory_norm.forward(encoderLayer);
        var x = embed_tokens.forward(tokens).add(positions.narrow(0, 0, length).to(memory.dtype).to(memory.device), Scalars.One);
        var keyMask = valid.unsqueeze(1).unsqueeze(1); // [B, 1, 1, U]
        foreach (var layer in layers) x = layer.Forward(x, keyMask, memory, memoryMask);
        return layer_norm.forward(x).matmul(embed_tokens.weight!.t()).MoveToOuterDisposeScope(); // tied output layer
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) positions.Dispose();
        base.Dispose(disposing);
    }
}
