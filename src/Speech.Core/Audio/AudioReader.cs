using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>Source + span → float samples at the wanted rate: the one way audio enters the
/// toolkit. Segment reads seek, so a 3 s cut of a 1 h file decodes 3 s.</summary>
public static class AudioReader
{
    /// <summary>Header facts only; no samples are decoded.</summary>
    public static AudioInfo ReadInfo(string path)
    {
        using var stream = AudioDecoders.Open(path);
        return stream.Info;
    }

    /// <summary>Mono samples of a span: one channel (0-based) or, with <paramref name="channel"/>
    /// null, the mean of all channels; resampled when <paramref name="targetRate"/> differs from
    /// the file's rate.</summary>
    /// <param name="offset">Start, seconds.</param>
    /// <param name="duration">Length in seconds; null reads to the end.</param>
    public static float[] Read(string path, double offset = 0, double? duration = null, int? channel = null,
                               int? targetRate = null, IResampler? resampler = null)
    {
        using var stream = AudioDecoders.Open(path);
        return Read(stream, offset, duration, channel, targetRate, resampler);
    }

    /// <summary>As <see cref="Read(string, double, double?, int?, int?, IResampler?)"/> from a stream
    /// already open (an NAudio adapter, say).</summary>
    public static float[] Read(IAudioStream stream, double offset = 0, double? duration = null, int? channel = null,
                               int? targetRate = null, IResampler? resampler = null)
    {
        var info = stream.Info;
        if (channel is { } c && (c < 0 || c >= info.Channels))
            throw new AudioFormatException($"{info.Path}: channel {c} requested, the file has {info.Channels} (0-based)");
        float[] interleaved = ReadSpan(stream, offset, duration);
        float[] mono = channel is { } pick ? ChannelMixer.Pick(interleaved, info.Channels, pick) : ChannelMixer.MixDown(interleaved, info.Channels);
        return ResampleIfNeeded(mono, info.SampleRate, targetRate, resampler);
    }

    /// <summary>Every channel of a span, <c>[channel][frame]</c>, resampled when asked.</summary>
    public static float[][] ReadChannels(string path, double offset = 0, double? duration = null,
                                         int? targetRate = null, IResampler? resampler = null)
    {
        using var stream = AudioDecoders.Open(path);
        var info = stream.Info;
        float[] interleaved = ReadSpan(stream, offset, duration);
        var channels = new float[info.Channels][];
        for (int c = 0; c < info.Channels; c++)
            channels[c] = ResampleIfNeeded(ChannelMixer.Pick(interleaved, info.Channels, c), info.SampleRate, targetRate, resampler);
        return channels;
    }

    /// <summary>Interleaved frames of a span of an open stream.</summary>
    public static float[] ReadSpan(IAudioStream stream, double offset, double? duration)
    {
        var info = stream.Info;
        if (offset < 0 || duration < 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{info.Path}: offset {offset} and duration {duration} must not be negative");
        long start = (long)Math.Round(offset * info.SampleRate);
        if (start > info.Frames && !info.FramesEstimated)
            throw new AudioFormatException($"{info.Path}: offset {offset:F3} s lies past the end ({info.Duration:F3} s)");
        long wanted = duration is { } d ? (long)Math.Round(d * info.SampleRate) : info.FramesEstimated ? long.MaxValue : info.Frames - start;
        if (!info.FramesEstimated) wanted = Math.Min(wanted, info.Frames - start);
        stream.Seek(start);
        var samples = new float[Math.Min(wanted, 1 << 20) * info.Channels];
        long done = 0;
        while (done < wanted)
        {
            if (done * info.Channels == samples.Length)
            {
                long grown = Math.Min(wanted, 2 * done) * info.Channels;
                if (grown > Array.MaxLength) throw new AudioFormatException($"{info.Path}: span too long to hold in memory");
                Array.Resize(ref samples, (int)grown);
            }
            int chunk = (int)Math.Min(Math.Min(wanted - done, 1 << 16), samples.Length / info.Channels - done);
            int read = stream.ReadFrames(samples.AsSpan((int)(done * info.Channels), chunk * info.Channels));
            if (read == 0) break;
            done += read;
        }
        return done * info.Channels == samples.Length ? samples : samples[..(int)(done * info.Channels)];
    }

    static float[] ResampleIfNeeded(float[] samples, int rate, int? targetRate, IResampler? resampler) =>
        targetRate is { } target && target != rate ? (resampler ?? Resamplers.Default).Resample(samples, rate, target) : samples;
}
