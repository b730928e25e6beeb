using NAudio.Wave;

namespace Speech.Core.Audio;

/// <summary>Audio a .NET application already holds as an NAudio <see cref="WaveStream"/> (seekable)
/// or <see cref="ISampleProvider"/> (forward only), seen as an <see cref="IAudioStream"/> so that
/// <see cref="AudioReader.Read(IAudioStream, double, double?, int?, int?, IResampler?)"/> takes it.</summary>
public sealed class NAudioAudioStream : IAudioStream
{
    readonly ISampleProvider provider;
    readonly WaveStream? seekable;
    long position;
    float[] scratch = [];
    float[] discard = [];

    NAudioAudioStream(ISampleProvider provider, WaveStream? seekable, AudioInfo info)
    {
        this.provider = provider;
        this.seekable = seekable;
        Info = info;
    }

    public AudioInfo Info { get; }

    /// <summary>Wraps a WaveStream (PCM 8/16/24/32 or IEEE float); the stream is disposed with the adapter.</summary>
    public static NAudioAudioStream FromWaveStream(WaveStream stream, string name = "<WaveStream>")
    {
        var format = stream.WaveFormat;
        var info = new AudioInfo(name, "naudio", format.Encoding.ToString(), format.SampleRate, format.Channels,
            stream.Length / format.BlockAlign, format.BitsPerSample);
        return new NAudioAudioStream(stream.ToSampleProvider(), stream, info);
    }

    /// <summary>Wraps a sample provider of unknown length: it is read until it returns 0.</summary>
    public static NAudioAudioStream FromSampleProvider(ISampleProvider provider, string name = "<ISampleProvider>")
    {
        var format = provider.WaveFormat;
        var info = new AudioInfo(name, "naudio", "float32", format.SampleRate, format.Channels, 0, 32, FramesEstimated: true);
        return new NAudioAudioStream(provider, null, info);
    }

    public void Seek(long frame)
    {
        if (seekable is not null)
        {
            seekable.Position = frame * seekable.WaveFormat.BlockAlign;
            position = frame;
            return;
        }
        if (frame < position) throw new NotSupportedException($"{Info.Path}: an ISampleProvider cannot seek backwards");
        // Forward only: decode and drop what lies before the span.
        while (position < frame)
        {
            int frames = (int)Math.Min(frame - position, 4096);
            if (discard.Length < frames * Info.Channels) discard = new float[frames * Info.Channels];
            int read = ReadFrames(discard.AsSpan(0, frames * Info.Channels));
            if (read == 0) break;
        }
    }

    public int ReadFrames(Span<float> destination)
    {
        int wanted = destination.Length / Info.Channels * Info.Channels;
        if (scratch.Length < wanted) scratch = new float[wanted];
        int got = 0;
        while (got < wanted)
        {
            int read = provider.Read(scratch, got, wanted - got);
            if (read <= 0) break;
            got += read;
        }
        scratch.AsSpan(0, got).CopyTo(destination);
        position += got / Info.Channels;
        return got / Info.Channels;
    }

    public void Dispose() => seekable?.Dispose();
}
