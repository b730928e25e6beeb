using NAudio.Wave;
using Speech.Core.Audio;
using Speech.Testing;

namespace Speech.Core.Tests.Audio;

/// <summary>Audio held as NAudio objects reads like a file: same samples as sox decodes.</summary>
public sealed class NAudioAudioStreamTests : IDisposable
{
    readonly TempDirectory folder = new("speech-naudio");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_wave_stream_segment_matches_sox_trim()
    {
        string path = ReferenceAudio.Synth(folder.File("a.wav"), 16000, 2, 16);
        int[] reference = ReferenceAudio.SoxInt32(path, "trim", "1600s", "3200s");

        using var stream = NAudioAudioStream.FromWaveStream(new WaveFileReader(path));
        float[] right = AudioReader.Read(stream, offset: 0.1, duration: 0.2, channel: 1);

        Assert.Equal(3200, right.Length);
        for (int i = 0; i < right.Length; i++) Assert.Equal(reference[2 * i + 1] / 2147483648.0, (double)right[i]);
    }

    [Fact]
    public void A_sample_provider_is_read_forward_to_its_end()
    {
        string path = ReferenceAudio.Synth(folder.File("b.wav"), 8000, 1, 16);
        int[] reference = ReferenceAudio.SoxInt32(path, "trim", "800s");

        using var reader = new WaveFileReader(path);
        using var stream = NAudioAudioStream.FromSampleProvider(reader.ToSampleProvider());
        float[] tail = AudioReader.Read(stream, offset: 0.1);

        Assert.Equal(reference.Length, tail.Length);
        for (int i = 0; i < tail.Length; i++) Assert.Equal(reference[i] / 2147483648.0, (double)tail[i]);
    }
}
