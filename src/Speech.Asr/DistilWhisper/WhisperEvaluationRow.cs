using Speech.Core.Text;

namespace Speech.Asr.DistilWhisper;

/// <summary>One model's line of <see cref="WhisperEvaluation"/>: parameters, the scored utterances
/// (WER after the scorer's normaliser, with its bootstrap interval), seconds in the encoder and in the
/// decoding loop, and tokens decoded.</summary>
public sealed record WhisperEvaluationRow(string Name, long Parameters, long DecoderParameters, CorpusWer Scores, double EncoderSeconds, double DecodeSeconds,
    long Tokens)
{
    /// <summary>WER in percent (0 without a scored reference word).</summary>
    public double Wer => 100 * (Scores.Wer ?? 0);
}
