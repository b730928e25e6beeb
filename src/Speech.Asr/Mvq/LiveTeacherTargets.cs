namespace Speech.Asr.Mvq;

/// <summary>MVQ-KD targets from the teacher run inside training (<see cref="LiveCodebookIndexes"/>):
/// its folder, the 1-based encoder block and the trained quantizer file.</summary>
public sealed record LiveTeacherTargets(string TeacherFolder, int Layer, string QuantizerPath);
