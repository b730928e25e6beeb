using Speech.Core.Data;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>A student batch: the CTC batch, and for the decoders the teacher-forced inputs
/// <c>[B, U]</c> ([CLS] + WordPieces), their validity <c>[B, U]</c>, the next-token targets <c>[B, U]</c>
/// (WordPieces + [SEP], −100 on padding) and the dense soft targets <c>[B, U, V]</c> (the BERT's top-k
/// at each WordPiece, a one-hot [SEP] at the end). Without decoders only <see cref="Asr"/> is set.</summary>
public sealed record BertCtcBatch(AsrBatch Asr, Tensor? DecoderInputs, Tensor? DecoderValid, Tensor? DecoderTargets, Tensor? SoftTargets) : IDisposable
{
    public void Dispose()
    {
        Asr.Dispose();
        DecoderInputs?.Dispose();
        DecoderValid?.Dispose();
        DecoderTargets?.Dispose();
        SoftTargets?.Dispose();
    }
}
