namespace Speech.Asr.Whisper.Decoding;

/// <summary>How the student drafts in speculative decoding. None of it changes the output (the
/// teacher verifies every token); it trades student steps against teacher passes.</summary>
/// <param name="Length">Tokens drafted per teacher pass (the first length when <paramref name="Adaptive"/>).</param>
/// <param name="Adaptive">transformers' heuristic schedule for assistant models: a fully accepted
/// draft makes the next one two tokens longer, a rejection one shorter (never below one).</param>
/// <param name="MinConfidence">transformers' <c>assistant_confidence_threshold</c>: the draft stops
/// after a token the student gives less than this probability (0 = never), where the teacher is
/// likely to disagree and further drafts are likely wasted.</param>
public sealed record DraftPolicy(int Length = 5, bool Adaptive = false, double MinConfidence = 0)
{
    /// <summary>What is wrong with the policy, or null when nothing is.</summary>
    public string? Problem =>
        Length < 1 ? $"a draft of {Length} tokens: draft at least one"
        : MinConfidence is < 0 or >= 1 ? $"a minimum draft confidence of {MinConfidence}: it is a probability in [0, 1)"
        : null;

    /// <summary>The next draft's length after one in which <paramref name="accepted"/> of
    /// <paramref name="drafted"/> tokens were accepted.</summary>
    public int NextLength(int length, int drafted, int accepted) =>
        !Adaptive ? length : accepted == drafted ? length + 2 : Math.Max(1, length - 1);
}
