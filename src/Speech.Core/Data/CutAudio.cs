using Speech.Core.Audio;

namespace Speech.Core.Data;

/// <summary>A cut's samples through <see cref="AudioReader"/>: the data layer knows cuts and reads
/// their spans; the audio layer knows files and spans only (so Audio never depends on Data).</summary>
public static class CutAudio
{
    /// <summary>A cut's samples: its file, span and channel (null mixes down), at
    /// <paramref name="targetRate"/> (default: the cut's rate).</summary>
    public static float[] Read(Cut cut, int? targetRate = null, IResampler? resampler = null) =>
        AudioReader.Read(cut.Source.Path, cut.Start, cut.Duration, cut.Source.Channel, targetRate ?? cut.SampleRate, resampler);
}
