using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>A teacher-forcing batch: log-mel <c>[B, n_mels, frames]</c>, decoder inputs <c>[B, U]</c>
/// (prompt + text, padded with end-of-text) and labels <c>[B, U]</c> (the next tokens; -100 where
/// nothing is to be learned: the prompt and the padding); for hybrid training also the transcripts
/// as CTC character units <c>[B, C]</c> with their counts <c>[B]</c>.</summary>
public sealed record WhisperBatch(Tensor Features, Tensor DecoderInput, Tensor Labels, IReadOnlyList<string> CutIds,
    Tensor? CtcTargets = null, Tensor? CtcTargetLengths = null) : IDisposable
{
    public const long Ignore = -100;

    /// <summary>Flat indexes into <c>[B·U]</c> of the positions with a label (<c>[N]</c>, int64).</summary>
    public Tensor LabelledPositions()
    {
        using var ignore = Ignore.ToScalar();
        return Labels.reshape(-1).ne(ignore).nonzero().squeeze(1);
    }

    /// <summary>The labels at <see cref="LabelledPositions"/> (<c>[N]</c>).</summary>
    public Tensor LabelsAt(Tensor positions) => Labels.reshape(-1).index_select(0, positions);

    public void Dispose()
    {
        Features.Dispose();
        DecoderInput.Dispose();
        Labels.Dispose();
        CtcTargets?.Dispose();
        CtcTargetLengths?.Dispose();
    }
}
