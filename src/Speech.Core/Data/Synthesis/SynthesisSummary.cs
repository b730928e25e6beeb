namespace Speech.Core.Data.Synthesis;

/// <summary>What a synthesis run holds: its utterances, and how many each voice (an
/// <c>engine:voice</c> label) spoke.</summary>
public sealed record SynthesisSummary(int Utterances, IReadOnlyDictionary<string, int> UtterancesPerVoice)
{
    /// <summary>Utterances per engine (espeak-ng, flite, festival).</summary>
    public IReadOnlyDictionary<string, int> UtterancesPerEngine =>
        UtterancesPerVoice.GroupBy(p => VoicePools.Parse(p.Key).Engine).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
