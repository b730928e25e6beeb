using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Captioning.Model;

/// <summary>The caption model (the paper's "EffB2-Trm" shape, smaller): a CNN audio encoder giving
/// frame and clip embeddings, the frames projected to the decoder width as memory, and a
/// transformer decoder whose output layer is the word embedding matrix itself (tied).</summary>
public sealed class CaptionModel : nn.Module
{
    readonly CnnAudioEncoder encoder;
    readonly Linear memory_proj;
    readonly Embedding embed_tokens;
    readonly ModuleList<Speech.Core.Nn.TransformerDecoderLayer> layers;
    readonly LayerNorm layer_norm;
    readonly Dropout dropout;
    readonly Tensor positions; // [max_length + 2, D], fixed

    public CaptionModel(CaptionConfig config) : base(nameof(CaptionModel))
    {
        if (config.VocabSize <= CaptionVocabulary.Unk) throw new ArgumentException($"vocab_size {config.VocabSize} holds no words");
        Config = config;
        encoder = new CnnAudioEncoder(config);
        memory_proj = nn.Linear(config.EncoderDim, config.DModel);
        embed_tokens = nn.Embedding(config.VocabSize, config.DModel);
        layers = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers)
            .Select(_ => new Speech.Core.Nn.TransformerDecoderLayer(config.DModel, config.Heads, config.FfnDim, config.Dropout)).ToArray());
        layer_norm = nn.LayerNorm(config.DModel);
        dropout = nn.Dropout(config.Dropout);
        positions = Sinusoids.Table(config.MaxLength + 2, config.DModel).DetachFromDisposeScope();
        RegisterComponents();
    }

    public CaptionConfig Config { get; }

    /// <summary>Log-mel <c>[B, T, F]</c> with frame counts <c>[B]</c> → frame and clip embeddings.</summary>
    public AudioEmbeddings Encode(Tensor features, Tensor lengths) => encoder.Forward(features, lengths);

    /// <summary>The decoder's memory <c>[B, S, D]</c> and its mask <c>[B, 1, 1, S]</c>.</summary>
    public (Tensor Memory, Tensor Mask) Memory(AudioEmbeddings audio) =>
        (memory_proj.forward(audio.Frames), AttentionMasks.FromLengths(audio.Lengths, audio.Frames.shape[1]));

    /// <summary>Next-word logits <c>[B, U, V]</c> for decoder inputs <c>[B, U]</c> (starting with bos).</summary>
    public Tensor Logits(Tensor tokens, Tensor memory, Tensor memoryMask)
    {
        using var scope = NewDisposeScope();
        long length = tokens.shape[1];
        if (length > positions.shape[0]) throw new ArgumentException($"{length} decoder positions, at most {positions.shape[0]}");
        var x = embed_tokens.forward(tokens).add(positions.narrow(0, 0, length).to(memory.dtype).to(memory.device), Scalars.One);
        x = dropout.forward(x);
        foreach (var layer in layers) x = layer.Forward(x, null, memory, memoryMask);
        var logits = layer_norm.forward(x).matmul(embed_tokens.weight!.t()); // tied output layer
        return logits.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) positions.Dispose();
        base.Dispose(disposing);
    }
}
