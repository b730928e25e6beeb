namespace Speech.Asr.Inference;

/// <summary>A recording made of several cuts (<see cref="LongFormRecordings"/>): its audio and the
/// cuts' transcripts joined by spaces.</summary>
public sealed record LongFormRecording(string Id, string Reference, float[] Audio);
