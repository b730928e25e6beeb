namespace Speech.Asr.Whisper.Decoding;

/// <summary>Tokens of one row from speculative decoding, and how the draft fared.</summary>
/// <param name="Tokens">Emitted tokens (no prompt, no end token): equal to the teacher's greedy output.</param>
/// <param name="TeacherPasses">Teacher decoder calls after the prompt (each verifies a whole draft).</param>
/// <param name="DraftTokens">Tokens the student proposed.</param>
/// <param name="AcceptedDraftTokens">Proposed tokens the teacher agreed with.</param>
public sealed record SpeculativeResult(long[] Tokens, int TeacherPasses, int DraftTokens, int AcceptedDraftTokens)
{
    /// <summary>Tokens emitted per teacher pass (greedy decoding emits exactly 1).</summary>
    public double TokensPerTeacherPass => TeacherPasses == 0 ? 0 : (double)Tokens.Length / TeacherPasses;

    public double AcceptanceRate => DraftTokens == 0 ? 0 : (double)AcceptedDraftTokens / DraftTokens;
}
