using TorchSharp;

namespace Speech.Asr.Whisper;

/// <summary>The <c>model</c> level of the HF layout: <c>encoder</c> and <c>decoder</c>.</summary>
public sealed class WhisperEncoderDecoder : torch.nn.Module
{
    readonly WhisperEncoder encoder;
    readonly WhisperDecoder decoder;

    public WhisperEncoderDecoder(WhisperConfig config, Speech.Core.Nn.DropoutRates dropout) : base(nameof(WhisperEncoderDecoder))
    {
        encoder = new WhisperEncoder(config, dropout);
        decoder = new WhisperDecoder(config, dropout);
        RegisterComponents();
    }

    public WhisperEncoder Encoder => encoder;
    public WhisperDecoder Decoder => decoder;
}
