using Speech.Core.Features;

namespace Speech.Asr.Whisper;

/// <summary>The span of audio a Whisper model sees at once: two 10 ms mel frames per encoder
/// position (30 s for Whisper's 1500). Shorter audio is zero-padded, longer trimmed, as Whisper's
/// pad_or_trim does.</summary>
public static class AudioWindow
{
    public static int Samples(WhisperConfig config) => config.MaxSourcePositions * 2 * WhisperLogMelOptions.HopLength;

    public static float[] Fit(float[] samples, int window)
    {
        if (samples.Length == window) return samples;
        var fitted = new float[window];
        Array.Copy(samples, fitted, Math.Min(samples.Length, window));
        return fitted;
    }
}
