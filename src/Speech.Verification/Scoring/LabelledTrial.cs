namespace Speech.Verification.Scoring;

/// <summary>One unscored trial of a trial list (<c>ENROLL TEST target|nontarget</c>), with its
/// 1-based line number so a later problem (an unknown utterance) can name the line.</summary>
public sealed record LabelledTrial(string Enroll, string Test, bool Target, int Line);
