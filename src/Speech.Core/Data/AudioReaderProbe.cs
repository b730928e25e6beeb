using Speech.Core.Audio;

namespace Speech.Core.Data;

/// <summary>The probe backed by the toolkit's decoders (<see cref="AudioReader.ReadInfo"/>: every
/// container the audio layer reads).</summary>
public sealed class AudioReaderProbe : IAudioInfoProbe
{
    public AudioFileInfo Probe(string path)
    {
        var info = AudioReader.ReadInfo(path);
        return new AudioFileInfo(info.SampleRate, info.Channels, info.Frames);
    }
}
