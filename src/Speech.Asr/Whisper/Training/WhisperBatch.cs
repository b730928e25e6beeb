using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>A teacher-forcing batch: log-mel <c>[B, n_mels, frames]</c>, decoder inputs <c>[B, U]</c>
/// (prompt + text, padded with end-of-text) and labels <c>[B, U]</c> (the next tokens; -100 where
/// nothing is to be learned: the prompt and the padding).</summary>
public sealed record WhisperBatch(Tensor Features, Tensor DecoderInput, Tensor Labels, IReadOnlyList<string> CutIds) : IDisposable
{
    public const long Ignore = -100;

    public void Dispose()
    {
        Features.Dispose();
        DecoderInput.Dispose();
        Labels.Dispose();
    }
}
