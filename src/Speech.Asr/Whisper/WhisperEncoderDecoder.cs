using TorchSharp;

namespace Speech.Asr.Whisper;

/// <summary>The <c>model</c> level of the HF layout: <c>encoder</c> and <c>decoder</c>.</summary>
public sealed class WhisperEncoderDecoder : torch.nn.Module
{
    readonly WhisperEncoder encoder;
    readonly WhisperDecoder decoder;

    public WhisperEncoderDecoder(WhisperConfig config) : base(nameof(WhisperEncoderDecoder))
    {
        encoder = new WhisperEncoder(config);
        decoder = new WhisperDecoder(config);
        RegisterComponents();
    }

    public WhisperEncoder Encoder => encoder;
    public WhisperDecoder Decoder => decoder;
}
