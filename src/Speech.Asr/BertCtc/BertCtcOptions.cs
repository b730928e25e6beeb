using Speech.Core.Errors;

namespace Speech.Asr.BertCtc;

/// <summary>The <c>kd:</c> section of a BERT→CTC recipe: which encoder layers get an auxiliary
/// attention decoder, its size, and the loss weights. Per decoder the loss is
/// <c>α·CE(BERT soft labels) + (1−α)·label-smoothed CE</c>; the total is
/// <c>(1−λ)·CTC + λ·mean over decoders</c>. λ = 0 trains the plain CTC baseline (no decoders).</summary>
public sealed record BertCtcOptions
{
    /// <summary>λ, the decoders' share of the loss (methods.md §3.4: 0.3).</summary>
    public double Weight { get; init; } = 0.3;
    /// <summary>α, the soft labels' share of a decoder's loss (Futami et al.: 0.1 utterance context, 0.3 full context).</summary>
    public double Alpha { get; init; } = 0.3;
    /// <summary>Label smoothing of the hard term (Futami et al.: 0.1).</summary>
    public double LabelSmoothing { get; init; } = 0.1;
    /// <summary>Encoder layers (1-based, comma separated) whose outputs the decoders read; empty: the middle and the last.</summary>
    public string Layers { get; init; } = "";
    /// <summary>The ablation: one decoder, on the last layer only.</summary>
    public bool FinalOnly { get; init; }
    /// <summary>Transformer blocks per auxiliary decoder (the interAED-KD shape: 1–2).</summary>
    public int DecoderLayers { get; init; } = 1;
    public int DecoderHeads { get; init; } = 4;
    public int DecoderFfnDim { get; init; } = 1024;
    public double DecoderDropout { get; init; } = 0.1;

    /// <summary>The 1-based encoder layers with a decoder, for an encoder of <paramref name="encoderLayers"/> blocks.</summary>
    public IReadOnlyList<int> LayerSet(int encoderLayers)
    {
        if (Weight <= 0) return [];
        if (FinalOnly) return [encoderLayers];
        if (string.IsNullOrWhiteSpace(Layers)) return new[] { Math.Max(1, encoderLayers / 2), encoderLayers }.Distinct().ToList();
        var layers = new List<int>();
        foreach (string part in Layers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out int layer) || layer < 1 || layer > encoderLayers)
                throw new ConfigException($"kd.layers '{Layers}': '{part}' is not a layer from 1 to {encoderLayers}");
            if (!layers.Contains(layer)) layers.Add(layer);
        }
        return layers.Order().ToList();
    }
}
