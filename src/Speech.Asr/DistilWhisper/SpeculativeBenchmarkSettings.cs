using Speech.Asr.Whisper.Decoding;
using Speech.Core.Errors;

namespace Speech.Asr.DistilWhisper;

/// <summary>How <see cref="SpeculativeBenchmark"/> drafts and times.</summary>
/// <param name="DraftTokens">Most tokens the student drafts per teacher pass.</param>
/// <param name="AdaptiveDraft">Lengthen the draft after a fully accepted one, shorten it after a rejection (transformers' assistant models).</param>
/// <param name="DraftConfidence">Stop a draft after a token the student gives less than this probability; 0 always drafts <paramref name="DraftTokens"/>.</param>
/// <param name="Runs">Times each cut is decoded both ways, alternating; each way's time is its fastest run.</param>
/// <param name="FullProjection">Every step's logits over the whole vocabulary instead of the hot-set search (same tokens).</param>
public sealed record SpeculativeBenchmarkSettings(int DraftTokens, bool AdaptiveDraft, double DraftConfidence, int Runs, bool FullProjection)
{
    /// <summary>The draft policy, or a one-line <see cref="ConfigException"/> naming the bad setting.</summary>
    public DraftPolicy Policy()
    {
        var policy = new DraftPolicy(DraftTokens, AdaptiveDraft, DraftConfidence);
        if (policy.Problem is { } problem) throw new ConfigException($"--draft / --draft-confidence: {problem}");
        if (Runs < 1) throw new ConfigException($"--repeat {Runs}: decode each cut at least once");
        return policy;
    }
}
