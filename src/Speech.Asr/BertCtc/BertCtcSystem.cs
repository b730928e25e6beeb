namespace Speech.Asr.BertCtc;

/// <summary>One row of the BERT→CTC comparison: a CTC model folder decoded greedily, or (with a
/// <see cref="Beam"/> above 1) by prefix beam search fused with a character n-gram LM of the training
/// transcripts (shallow fusion, the autoregressive alternative the KD students are measured against).</summary>
public sealed record BertCtcSystem(string Name, string ModelFolder, int Beam = 1, int LmOrder = 6, double LmWeight = 0.8, double InsertionBonus = 1.5);
