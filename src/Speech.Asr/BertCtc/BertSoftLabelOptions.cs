using System.Text.Json.Serialization;

namespace Speech.Asr.BertCtc;

/// <summary>How soft labels are made (Futami et al. 2020; methods.md §3.2): the store records them
/// and a rerun with other values is refused, so one store never mixes two settings.</summary>
public sealed record BertSoftLabelOptions
{
    /// <summary>Ids kept per position, special tokens excluded (Futami: 8).</summary>
    [JsonPropertyName("top_k")] public int TopK { get; init; } = 8;
    /// <summary>Softmax temperature over the kept logits (Futami: 3).</summary>
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 3.0;
    /// <summary>Neighbouring transcripts (same speaker, manifest order) on each side given to the BERT
    /// as context ("full" context; 0 = the utterance alone, "utt").</summary>
    [JsonPropertyName("context")] public int ContextSentences { get; init; }
}
