using Speech.Core.Errors;

namespace Speech.Asr.Whisper.Engines;

/// <summary>How <see cref="TorchWhisperEngine"/> decodes: one record instead of a constructor of
/// flags. The defaults are whisper.cpp's greedy decoding without timestamps, 8 utterances a batch.</summary>
public sealed record WhisperDecodingSettings
{
    /// <summary>Utterances decoded together.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Tokens generated at most per utterance (a model's generation config may lower it).</summary>
    public int MaxNewTokens { get; init; } = 224;
    /// <summary>Decode with Whisper's timestamp tokens and rules; each transcript then has its timed segments.</summary>
    public bool Timestamps { get; init; }
    /// <summary>Pick tokens from the whole output projection instead of the exact hot-set search
    /// (same tokens; for timing comparisons).</summary>
    public bool FullProjection { get; init; }
    /// <summary>1: greedy (whisper.cpp's default, what pseudo-labels use); more: beam search with
    /// Whisper's length-normalised ranking, one utterance at a time.</summary>
    public int BeamSize { get; init; } = 1;
    /// <summary>Above 0: joint CTC/attention beam search with the model's CTC head, scoring
    /// (1 - W) · log P(attention) + W · log P(CTC prefix) (ESPnet's hybrid decoding; 0.3 is its usual weight).</summary>
    public double CtcWeight { get; init; }

    /// <summary>A one-line <see cref="ConfigException"/> for a combination that cannot decode.</summary>
    public void Validate(bool hasCtcHead)
    {
        if (BatchSize < 1) throw new ConfigException($"batch size {BatchSize}: decode at least one utterance at a time");
        if (BeamSize < 1) throw new ConfigException($"beam {BeamSize}: the beam holds at least one hypothesis");
        if (CtcWeight is < 0 or > 1) throw new ConfigException($"CTC weight {CtcWeight}: a weight in [0, 1]");
        if (BeamSize > 1 && Timestamps) throw new ConfigException("beam search decodes without timestamps; drop one of the beam and the timestamps");
        if (CtcWeight > 0 && Timestamps) throw new ConfigException("joint CTC/attention decoding is text only; drop one of the CTC weight and the timestamps");
        if (CtcWeight > 0 && !hasCtcHead) throw new ConfigException("joint CTC/attention decoding needs the model's CTC head (a model folder trained with --ctc-weight)");
    }
}
