using Speech.Core.Audio;
using Speech.Testing;

namespace Speech.Core.Tests.Audio;

/// <summary>Decoded samples against sox's and flac's own decodes of files sox made.</summary>
public sealed class AudioDecodingTests : IDisposable
{
    readonly TempDirectory folder = new("speech-audio");

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("u8.wav", 8000, 1, 8, "unsigned-integer")]
    [InlineData("s16.wav", 16000, 2, 16, "signed-integer")]
    [InlineData("s24.wav", 44100, 3, 24, "signed-integer")] // sox writes WAVE_FORMAT_EXTENSIBLE
    [InlineData("s16x6.wav", 48000, 6, 16, "signed-integer")]
    [InlineData("s16.flac", 16000, 1, 16, "signed-integer")]
    [InlineData("s24.flac", 48000, 2, 24, "signed-integer")]
    [InlineData("s16x4.flac", 22050, 4, 16, "signed-integer")]
    public void Integer_files_decode_bit_exactly_as_sox_does(string name, int rate, int channels, int bits, string encoding)
    {
        string path = ReferenceAudio.Synth(folder.File(name), rate, channels, bits, encoding);
        int[] reference = ReferenceAudio.SoxInt32(path);

        float[][] decoded = AudioReader.ReadChannels(path);

        Assert.Equal(channels, decoded.Length);
        Assert.Equal(reference.Length / channels, decoded[0].Length);
        for (int i = 0; i < reference.Length; i++)
            Assert.Equal(reference[i] / 2147483648.0, (double)decoded[i % channels][i / channels]);
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(24, 3)]
    public void Flac_decodes_bit_exactly_as_flac_d_does(int bits, int channels)
    {
        string path = ReferenceAudio.Synth(folder.File($"f{bits}.flac"), 32000, channels, bits);
        int[] reference = ReferenceAudio.FlacIntegers(path, bits);

        float[][] decoded = AudioReader.ReadChannels(path);

        double scale = Math.ScaleB(1.0, bits - 1);
        Assert.Equal(reference.Length / channels, decoded[0].Length);
        for (int i = 0; i < reference.Length; i++)
            Assert.Equal(reference[i] / scale, (double)decoded[i % channels][i / channels]);
    }

    [Fact]
    public void Int32_wav_decodes_to_the_nearest_float_of_sox_samples()
    {
        string path = ReferenceAudio.Synth(folder.File("s32.wav"), 48000, 2, 32);
        int[] reference = ReferenceAudio.SoxInt32(path);

        float[][] decoded = AudioReader.ReadChannels(path);

        for (int i = 0; i < reference.Length; i++)
            Assert.Equal((float)(reference[i] / 2147483648.0), decoded[i % 2][i / 2]);
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(64, 2)]
    public void Float_wav_decodes_as_sox_does(int bits, int channels)
    {
        string path = ReferenceAudio.Synth(folder.File($"f{bits}.wav"), 22050, channels, bits, "floating-point");
        int[] reference = ReferenceAudio.SoxInt32(path);

        float[][] decoded = AudioReader.ReadChannels(path);

        // sox holds samples as int32 internally (exact to 2^-31); float64 files lose their low
        // bits in our float32 samples (half an ulp below 1.0 is 2^-25).
        double tolerance = bits == 32 ? 1e-9 : Math.ScaleB(1.0, -25) + Math.ScaleB(1.0, -31);
        for (int i = 0; i < reference.Length; i++)
            Assert.Equal(reference[i] / 2147483648.0, decoded[i % channels][i / channels], tolerance);
    }

    [Theory]
    [InlineData("s24.wav", 44100, 3, 24, "wav (extensible)", "pcm_s24")]
    [InlineData("s16.wav", 8000, 2, 16, "wav", "pcm_s16")]
    [InlineData("s16.flac", 16000, 1, 16, "flac", "flac")]
    public void Info_matches_soxi(string name, int rate, int channels, int bits, string container, string codec)
    {
        string path = ReferenceAudio.Synth(folder.File(name), rate, channels, bits, seconds: 0.37);
        long frames = long.Parse(ExternalTool.Run("soxi", "-s", path).Trim());

        var info = AudioReader.ReadInfo(path);

        Assert.Equal((container, codec, rate, channels, frames, bits), (info.Container, info.Codec, info.SampleRate, info.Channels, info.Frames, info.BitsPerSample));
        Assert.Equal(frames / (double)rate, info.Duration, 12);
    }

    [Theory]
    [InlineData("seg.flac")]
    [InlineData("seg.wav")]
    public void A_segment_equals_sox_trim_of_the_same_samples(string name)
    {
        string path = ReferenceAudio.Synth(folder.File(name), 16000, 2, 16, seconds: 1.0);
        int[] reference = ReferenceAudio.SoxInt32(path, "trim", "4000s", "1600s");

        float[][] segment = AudioReader.ReadChannels(path, offset: 0.25, duration: 0.1);

        Assert.Equal(1600, segment[1].Length);
        for (int i = 0; i < reference.Length; i++)
            Assert.Equal(reference[i] / 2147483648.0, (double)segment[i % 2][i / 2]);
    }

    [Fact]
    public void Mono_read_picks_a_channel_or_averages_them()
    {
        string path = ReferenceAudio.Synth(folder.File("mix.flac"), 16000, 3, 16);
        int[] reference = ReferenceAudio.SoxInt32(path);

        float[] second = AudioReader.Read(path, channel: 1);
        float[] mixed = AudioReader.Read(path);

        for (int i = 0; i < second.Length; i++)
        {
            Assert.Equal(reference[3 * i + 1] / 2147483648.0, (double)second[i]);
            double mean = (reference[3 * i] + (double)reference[3 * i + 1] + reference[3 * i + 2]) / 3 / 2147483648.0;
            Assert.Equal(mean, mixed[i], 1e-6);
        }
    }

    [Theory]
    [InlineData("lossy.ogg", "ogg", "vorbis")]
    [InlineData("lossy.mp3", "mp3", "mp3")]
    public void Lossy_files_decode_through_libsndfile_close_to_the_source(string name, string container, string codec)
    {
        string path = ReferenceAudio.Synth(folder.File(name), 16000, 1, 16, seconds: 1.0);

        var info = AudioReader.ReadInfo(path);
        float[] samples = AudioReader.Read(path);

        Assert.Equal((container, codec, 16000, 1), (info.Container, info.Codec, info.SampleRate, info.Channels));
        Assert.InRange(samples.Length, 16000, 16000 + 2 * 1152); // MP3 adds encoder delay and padding
        double rms = Math.Sqrt(samples.Select(s => (double)s * s).Average());
        Assert.InRange(rms, 0.9 / Math.Sqrt(2) * 0.9, 0.9 / Math.Sqrt(2) * 1.1); // a 0.9-amplitude sine
    }
}
