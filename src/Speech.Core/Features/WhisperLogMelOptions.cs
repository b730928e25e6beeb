namespace Speech.Core.Features;

/// <summary>Whisper's front-end settings (openai/whisper audio.py).</summary>
public sealed record WhisperLogMelOptions
{
    /// <summary>80 (Whisper tiny … large-v2) or 128 (large-v3).</summary>
    public int MelBins { get; init; } = 80;

    /// <summary>Pad or trim every waveform to 30 s (480,000 samples → 3,000 frames), as Whisper's
    /// encoder expects; false keeps the natural length (samples / 160 frames).</summary>
    public bool PadToThirtySeconds { get; init; } = true;

    public const int SampleRate = 16000;
    public const int FftSize = 400;
    public const int HopLength = 160;
    public const int ThirtySeconds = 30 * SampleRate;
}
