using Speech.Core.Data;

namespace Speech.Asr.Inference;

/// <summary>Long-form test audio from short cuts: each speaker's cuts (in manifest order) joined into
/// one recording, with a short silence after each cut, so a transcriber has to find its way through
/// audio longer than one window.</summary>
public static class LongFormRecordings
{
    /// <summary>The default silence after each cut: 0.3 s.</summary>
    public const double DefaultGapSeconds = 0.3;

    /// <param name="audio">Each cut's samples at <paramref name="sampleRate"/>, in the order of <paramref name="cuts"/>.</param>
    public static IReadOnlyList<LongFormRecording> BySpeaker(IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> audio, double gapSeconds = DefaultGapSeconds,
        int sampleRate = 16000)
    {
        if (audio.Count != cuts.Count) throw new ArgumentException($"{cuts.Count} cuts but {audio.Count} waveforms");
        var gap = new float[(int)Math.Round(gapSeconds * sampleRate)];
        return cuts.Select((c, i) => (Speaker: c.Speaker ?? c.Id, Cut: c, Audio: audio[i]))
            .GroupBy(x => x.Speaker)
            .Select(g => new LongFormRecording(g.Key, string.Join(' ', g.Select(x => x.Cut.Text ?? "")), g.SelectMany(x => x.Audio.Concat(gap)).ToArray()))
            .ToList();
    }
}
