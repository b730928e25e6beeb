namespace Speech.Asr.DistilWhisper;

/// <summary>One model's line of <see cref="WhisperEvaluation"/>: parameters, WER (%) after the
/// scorer's normaliser, seconds in the encoder and in the decoding loop, and tokens decoded.</summary>
public sealed record WhisperEvaluationRow(string Name, long Parameters, long DecoderParameters, double Wer, double EncoderSeconds, double DecodeSeconds,
    long Tokens);
