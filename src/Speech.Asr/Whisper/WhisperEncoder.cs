using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Whisper's audio encoder: two GELU convolutions (the second with stride 2), sinusoidal
/// positions, pre-norm blocks, a final layer norm. HF parameter names.</summary>
public sealed class WhisperEncoder : nn.Module<Tensor, Tensor>
{
    readonly Conv1d conv1, conv2;
    readonly Embedding embed_positions;
    readonly ModuleList<WhisperEncoderLayer> layers;
    readonly LayerNorm layer_norm;
    readonly DropoutRates dropout;

    public WhisperEncoder(WhisperConfig config, DropoutRates dropout) : base(nameof(WhisperEncoder))
    {
        this.dropout = dropout;
        conv1 = nn.Conv1d(config.NumMelBins, config.DModel, 3, padding: 1);
        conv2 = nn.Conv1d(config.DModel, config.DModel, 3, stride: 2, padding: 1);
        embed_positions = nn.Embedding(config.MaxSourcePositions, config.DModel);
        layers = nn.ModuleList(Enumerable.Range(0, config.EncoderLayers)
            .Select(_ => new WhisperEncoderLayer(config.DModel, config.EncoderAttentionHeads, config.EncoderFfnDim, dropout)).ToArray());
        layer_norm = nn.LayerNorm(config.DModel);
        RegisterComponents();
        using (no_grad()) embed_positions.weight!.copy_(Sinusoids.Table(config.MaxSourcePositions, config.DModel));
        embed_positions.weight!.requires_grad = false; // fixed, as in Whisper
    }

    public int LayerCount => layers.Count;

    /// <summary>Log-mel <c>[B, n_mels, T]</c> → states <c>[B, T/2, D]</c>. T may be shorter than 3000
    /// (then only the first positions are used, as whisper.cpp's audio_ctx does).</summary>
    public override Tensor forward(Tensor mel) => Forward(mel, null);

    /// <summary>As <see cref="forward"/>, also collecting the output of each block into
    /// <paramref name="hiddenStates"/> when given (index 0 = after the positions, i = after block i).</summary>
    public Tensor Forward(Tensor mel, List<Tensor>? hiddenStates)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.gelu(conv1.forward(mel));
        x = nn.functional.gelu(conv2.forward(x)).permute(0, 2, 1); // [B, T/2, D]
        long positions = x.shape[1];
        if (positions > embed_positions.weight!.shape[0])
            throw new ArgumentException($"input gives {positions} encoder positions, more than max_source_positions {embed_positions.weight.shape[0]}");
        x = dropout.OnResidual(x.add(embed_positions.weight.narrow(0, 0, positions), Scalars.One), training);
        hiddenStates?.Add(x);
        foreach (var layer in layers)
        {
            x = layer.forward(x);
            hiddenStates?.Add(x);
        }
        if (hiddenStates is not null) foreach (var state in hiddenStates) state.MoveToOuterDisposeScope();
        return layer_norm.forward(x).MoveToOuterDisposeScope();
    }
}
