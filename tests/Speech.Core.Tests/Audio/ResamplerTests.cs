using System.Buffers.Binary;
using Speech.Core.Audio;
using Speech.Testing;
using Xunit.Abstractions;

namespace Speech.Core.Tests.Audio;

/// <summary>Resampling 44.1 kHz → 16 kHz against sox's own `rate -v` on the same input.</summary>
public sealed class ResamplerTests(ITestOutputHelper log) : IDisposable
{
    readonly TempDirectory folder = new("speech-resample");

    public void Dispose() => folder.Dispose();

    /// <summary>A 100 Hz → 7 kHz sweep (inside the 16 kHz passband) as float WAV, and sox's resample of it.</summary>
    (float[] Input, float[] Reference) SweepAndSoxReference()
    {
        string path = folder.File("sweep.wav");
        ExternalTool.Run("sox", "-R", "-n", "-r", "44100", "-c", "1", "-b", "32", "-e", "floating-point", path,
            "synth", "2", "sine", "100-7000", "vol", "0.5");
        string raw = folder.File("sox16k.f32");
        ExternalTool.Run("sox", "-R", "-D", path, "-t", "f32", "-L", raw, "rate", "-v", "16000");
        byte[] bytes = File.ReadAllBytes(raw);
        var reference = new float[bytes.Length / 4];
        for (int i = 0; i < reference.Length; i++) reference[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i));
        return (AudioReader.Read(path), reference);
    }

    /// <summary>Error energy relative to the reference, dB, away from the two edges.</summary>
    static double ErrorDecibels(float[] actual, float[] reference)
    {
        int edge = 200, end = Math.Min(actual.Length, reference.Length) - edge;
        double error = 0, energy = 0;
        for (int i = edge; i < end; i++)
        {
            double difference = actual[i] - reference[i];
            error += difference * difference;
            energy += (double)reference[i] * reference[i];
        }
        return 10 * Math.Log10(error / energy);
    }

    [Fact]
    public void Soxr_very_high_quality_agrees_with_sox_rate_v_within_minus_60_dB()
    {
        var (input, reference) = SweepAndSoxReference();

        float[] output = new SoxrResampler(SoxrQuality.VeryHigh).Resample(input, 44100, 16000);

        double decibels = ErrorDecibels(output, reference);
        log.WriteLine($"soxr-vhq vs sox rate -v: {decibels:F1} dB");
        Assert.Equal((int)Math.Ceiling(input.Length * 16000.0 / 44100), output.Length);
        Assert.InRange(Math.Abs(output.Length - reference.Length), 0, 1);
        Assert.True(decibels < -60, $"error energy {decibels:F1} dB");
    }

    [Fact]
    public void Wdl_sinc_fallback_is_aligned_and_close_to_sox()
    {
        var (input, reference) = SweepAndSoxReference();

        float[] output = new WdlSincResampler().Resample(input, 44100, 16000);

        double decibels = ErrorDecibels(output, reference);
        log.WriteLine($"wdl-sinc vs sox rate -v: {decibels:F1} dB");
        Assert.Equal((int)Math.Ceiling(input.Length * 16000.0 / 44100), output.Length);
        Assert.True(decibels < -30, $"error energy {decibels:F1} dB");
    }

    [Fact]
    public void Reading_with_a_target_rate_resamples_with_the_default()
    {
        var (_, reference) = SweepAndSoxReference();

        float[] output = AudioReader.Read(folder.File("sweep.wav"), targetRate: 16000);

        Assert.Equal(Resamplers.Default.Resample(AudioReader.Read(folder.File("sweep.wav")), 44100, 16000), output);
        Assert.True(ErrorDecibels(output, reference) < -60);
    }
}
