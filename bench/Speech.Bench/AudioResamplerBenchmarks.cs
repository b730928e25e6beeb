using BenchmarkDotNet.Attributes;
using Speech.Core.Audio;

namespace Speech.Bench;

/// <summary>30 s of 44.1 kHz audio to 16 kHz with each resampler (soxr high quality is the default).</summary>
[Config(typeof(AudioBenchmarkConfig))]
public class AudioResamplerBenchmarks
{
    float[] input = [];
    readonly IResampler soxrHigh = new SoxrResampler(SoxrQuality.High);
    readonly IResampler soxrVeryHigh = new SoxrResampler(SoxrQuality.VeryHigh);
    readonly IResampler wdl = new WdlSincResampler();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        input = Enumerable.Range(0, 30 * 44100).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }

    [Benchmark(Baseline = true), AudioSeconds(30)]
    public float[] SoxrHigh() => soxrHigh.Resample(input, 44100, 16000);

    [Benchmark, AudioSeconds(30)]
    public float[] SoxrVeryHigh() => soxrVeryHigh.Resample(input, 44100, 16000);

    [Benchmark, AudioSeconds(30)]
    public float[] WdlSinc() => wdl.Resample(input, 44100, 16000);
}
