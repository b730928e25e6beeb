using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Whisper encoder-decoder, laid out as Hugging Face's
/// <c>WhisperForConditionalGeneration</c> (<c>model.encoder.*</c>, <c>model.decoder.*</c>; the
/// output projection is tied to <c>model.decoder.embed_tokens</c>), so HF checkpoints map onto
/// its state dict by name.</summary>
public sealed class WhisperModel : nn.Module
{
    readonly WhisperEncoderDecoder model;
    readonly Speech.Core.Nn.DropoutRates dropout = new();

    /// <summary>A model in evaluation mode (what decoding needs); a training run calls
    /// <c>train()</c>, which turns on the config's dropout.</summary>
    public WhisperModel(WhisperConfig config) : base(nameof(WhisperModel))
    {
        config.Validate("WhisperModel");
        Config = config;
        ApplyDropout(config);
        model = new WhisperEncoderDecoder(config, dropout);
        RegisterComponents();
        InitializeWeights();
        eval();
    }

    /// <summary>Gives the model other dropout rates (a fine-tuning run's, as transformers lets a
    /// training script override a checkpoint's <c>dropout</c>); saved with its config.</summary>
    public void SetDropout(double residual, double attention, double activation)
    {
        var updated = Config with { Dropout = residual, AttentionDropout = attention, ActivationDropout = activation };
        updated.Validate("dropout");
        Config = updated;
        ApplyDropout(updated);
    }

    void ApplyDropout(WhisperConfig config)
    {
        dropout.Residual = config.Dropout;
        dropout.Attention = config.AttentionDropout;
        dropout.Activation = config.ActivationDropout;
    }

    /// <summary>Hugging Face's Whisper initialisation (init_std 0.02): linear and embedding weights
    /// from N(0, 0.02²), biases zero; the encoder's sinusoids stay. TorchSharp's defaults (N(0, 1)
    /// embeddings, tied to the output) would start training at a cross-entropy far above ln V.</summary>
    void InitializeWeights()
    {
        using var guard = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("embed_positions") && name.StartsWith("model.encoder")) continue;
            if (name.Contains("layer_norm") || name.Contains("conv")) continue;
            if (name.EndsWith(".bias")) parameter.zero_();
            else parameter.normal_(0, 0.02);
        }
    }

    public WhisperConfig Config { get; private set; }

    /// <summary>The folder's generation config (suppress lists, length limit) when it had one;
    /// saved with the model (our defaults when null).</summary>
    public WhisperGenerationConfig? Generation { get; set; }

    /// <summary>The encoder-decoder itself, for a training wrapper that must keep these parameter names.</summary>
    internal WhisperEncoderDecoder Inner => model;
    public WhisperEncoder Encoder => model.Encoder;
    public WhisperDecoder Decoder => model.Decoder;

    /// <summary>Log-mel <c>[B, n_mels, T]</c> → encoder states <c>[B, T/2, D]</c>.</summary>
    public Tensor Encode(Tensor mel) => model.Encoder.forward(mel);

    /// <summary>Teacher-forced logits <c>[B, U, V]</c> for decoder inputs <c>[B, U]</c>.</summary>
    public Tensor Forward(Tensor mel, Tensor decoderInput, Tensor? keyMask = null)
    {
        using var scope = NewDisposeScope();
        return model.Decoder.Forward(decoderInput, Encode(mel), null, keyMask).MoveToOuterDisposeScope();
    }

    /// <summary>Teacher-forced logits <c>[N, V]</c> at the <paramref name="positions"/> (flat indexes
    /// into <c>[B·U]</c>, from <see cref="Training.WhisperBatch.LabelledPositions"/>) only.</summary>
    /// <param name="shortlist">Logits over these tokens only (<c>[N, K]</c>, training's softmax over the labels' tokens).</param>
    public Tensor LogitsAt(Tensor encoderStates, Tensor decoderInput, Tensor positions, VocabularyShortlist? shortlist = null)
    {
        using var scope = NewDisposeScope();
        var hidden = model.Decoder.HiddenStates(decoderInput, encoderStates); // [B, U, D]
        var selected = hidden.reshape(-1, hidden.shape[^1]).index_select(0, positions); // [N, D]
        var logits = shortlist is null ? model.Decoder.Logits(selected) : shortlist.Logits(selected, model.Decoder.OutputWeight);
        return logits.MoveToOuterDisposeScope();
    }

    public WhisperDecoderState NewDecoderState() => new(model.Decoder.LayerCount);

    /// <summary>Stops gradients into the encoder: only the decoder (and a head on the encoder) trains,
    /// and the encoder's backward pass, over half of a training step, is never run.</summary>
    public void FreezeEncoder()
    {
        foreach (var parameter in model.Encoder.parameters()) parameter.requires_grad = false;
    }

    public long ParameterCount() => parameters().Sum(p => p.numel());
}
