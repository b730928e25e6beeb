namespace Speech.Asr.DistilWhisper;

/// <summary>The distillation loss <c>PlWeight · CE(pseudo-labels) + KlWeight · T² · KL(teacher ‖ student)</c>
/// over labelled tokens. Defaults are those of distil-whisper's training code (the paper's Eq. 6
/// swaps the two weights; the released checkpoints came from the code).</summary>
public sealed record DistilWhisperOptions
{
    /// <summary>Weight of the pseudo-label cross-entropy (0.8).</summary>
    public double PlWeight { get; init; } = 0.8;
    /// <summary>Weight of the KL term (1.0).</summary>
    public double KlWeight { get; init; } = 1.0;
    /// <summary>KL temperature (2.0 in training; 1 at evaluation).</summary>
    public double Temperature { get; init; } = 2.0;
    /// <summary>Run the (frozen, identical) encoder once and feed both decoders, as distil-whisper
    /// does with a frozen student encoder.</summary>
    public bool ShareEncoder { get; init; } = true;
}
