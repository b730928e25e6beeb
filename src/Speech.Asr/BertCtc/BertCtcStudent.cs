using Speech.Asr.Ctc;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>The training-time student: the CTC model (<c>ctc.*</c>) and one auxiliary decoder per
/// chosen encoder layer (<c>decoders.N.*</c>). Only <see cref="Ctc"/> is exported; inference is its
/// greedy CTC, so a KD student decodes exactly like the baseline.</summary>
public sealed class BertCtcStudent : nn.Module
{
    readonly CtcModel ctc;
    readonly ModuleList<AuxiliaryDecoder> decoders;

    /// <param name="decoderLayers">1-based encoder layers, one decoder each (empty: the CTC baseline).</param>
    public BertCtcStudent(CtcConfig config, IReadOnlyList<int> decoderLayers, int bertVocabularySize, BertCtcOptions options) : base(nameof(BertCtcStudent))
    {
        ctc = new CtcModel(config);
        decoders = nn.ModuleList(decoderLayers.Select(_ => new AuxiliaryDecoder(config.DModel, bertVocabularySize, options)).ToArray());
        DecoderLayers = decoderLayers;
        RegisterComponents();
    }

    public CtcModel Ctc => ctc;

    public IReadOnlyList<int> DecoderLayers { get; }

    /// <summary>The decoder reading <see cref="DecoderLayers"/>[<paramref name="index"/>].</summary>
    public AuxiliaryDecoder Decoder(int index) => decoders[index];

    /// <summary>The input of the decoder on 1-based layer <paramref name="layer"/>: the final (normalised)
    /// states for the last layer, the block's own output otherwise.</summary>
    public static Tensor LayerOutput(EncoderOutput output, int layer) =>
        layer == output.Layers!.Count ? output.Hidden : output.Layers[layer - 1];
}
