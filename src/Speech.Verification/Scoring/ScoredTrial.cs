namespace Speech.Verification.Scoring;

/// <summary>One scored verification trial: a line <c>ENROLL TEST SCORE target|nontarget</c> of a
/// WeSpeaker score file. Higher scores mean "more likely the same speaker".</summary>
public sealed record ScoredTrial(string Enroll, string Test, double Score, bool Target);
