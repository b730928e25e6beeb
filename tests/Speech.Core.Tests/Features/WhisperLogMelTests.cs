using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Features;

/// <summary>Whisper's front-end against closed forms: librosa's Slaney filters written out here,
/// and the exact spectrum of a bin-centred tone under a periodic Hann window.</summary>
public sealed class WhisperLogMelTests
{
    /// <summary>librosa.filters.mel(sr=16000, n_fft=400, n_mels, htk=False, norm="slaney"), by hand:
    /// hz→mel is f/(200/3) below 1 kHz and 15 + 27·ln(f/1000)/ln(6.4) above.</summary>
    static double[,] LibrosaSlaneyMel(int melBins)
    {
        static double ToMel(double f) => f < 1000 ? 3 * f / 200 : 15 + 27 * Math.Log(f / 1000) / Math.Log(6.4);
        static double ToHz(double m) => m < 15 ? 200 * m / 3 : 1000 * Math.Pow(6.4, (m - 15) / 27);
        double[] melPoints = Enumerable.Range(0, melBins + 2).Select(i => ToHz(ToMel(8000) * i / (melBins + 1))).ToArray();
        double[] fftFrequencies = Enumerable.Range(0, 201).Select(k => k * 8000.0 / 200).ToArray();
        var weights = new double[melBins, 201];
        for (int i = 0; i < melBins; i++)
            for (int k = 0; k < 201; k++)
            {
                double lower = -(melPoints[i] - fftFrequencies[k]) / (melPoints[i + 1] - melPoints[i]);
                double upper = (melPoints[i + 2] - fftFrequencies[k]) / (melPoints[i + 2] - melPoints[i + 1]);
                weights[i, k] = Math.Max(0, Math.Min(lower, upper)) * 2.0 / (melPoints[i + 2] - melPoints[i]);
            }
        return weights;
    }

    [Theory]
    [InlineData(80)]
    [InlineData(128)]
    public void Filters_equal_librosas_slaney_formula(int melBins)
    {
        double[,] expected = LibrosaSlaneyMel(melBins);
        float[,] actual = MelFilterBank.Slaney(16000, 400, melBins);

        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int m = 0; m < melBins; m++)
            for (int k = 0; k < 201; k++)
                Assert.Equal((float)expected[m, k], actual[m, k]);
    }

    /// <summary>A 1 kHz sine (FFT bin 25 exactly, 40 Hz bins) of amplitude A: with a periodic Hann
    /// window of 400 the DFT holds A·N/4 at bin 25 and A·N/8 at bins 24 and 26, nothing else.</summary>
    [Fact]
    public void A_tone_peaks_in_the_right_bin_at_the_closed_form_level()
    {
        const double amplitude = 0.5, hz = 1000;
        var tone = Enumerable.Range(0, 16000).Select(n => (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / 16000))).ToArray();
        double[,] filters = LibrosaSlaneyMel(80);
        double centre = Math.Pow(amplitude * 400 / 4, 2), side = Math.Pow(amplitude * 400 / 8, 2);
        double[] energy = Enumerable.Range(0, 80).Select(m => filters[m, 25] * centre + (filters[m, 24] + filters[m, 26]) * side).ToArray();
        int peakBin = Array.IndexOf(energy, energy.Max());
        double peakLog = Math.Log10(energy.Max());

        using var extractor = new WhisperLogMel();
        using var features = extractor.Extract(tone); // [3000, 80]

        Assert.Equal([3000L, 80L], features.shape);
        using var middle = features[50]; // a frame well inside the tone
        Assert.Equal(peakBin, (int)middle.argmax().item<long>());
        Assert.Equal((peakLog + 4) / 4, middle[peakBin].item<float>(), 4);
        // The padded silence sits on the floor: 8 decades under the peak.
        Assert.Equal((peakLog - 8 + 4) / 4, features[2500, 0].item<float>(), 4);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(480000)]
    [InlineData(500000)]
    public void Every_input_becomes_3000_frames_of_the_first_30_seconds(int samples)
    {
        var random = new Random(samples);
        var audio = Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        using var extractor = new WhisperLogMel();

        using var features = extractor.Extract(audio);
        using var trimmed = extractor.Extract(audio.AsSpan(0, Math.Min(samples, 480000)));

        Assert.Equal([3000L, 80L], features.shape);
        Assert.True(features.allclose(trimmed, rtol: 0, atol: 0));
    }

    [Fact]
    public void The_floor_is_eight_decades_under_the_loudest_value()
    {
        var audio = new float[16000];
        audio[8000] = 1; // a click: loud in a few frames, -10 (clamped) elsewhere before the floor
        using var extractor = new WhisperLogMel();

        using var features = extractor.Extract(audio);

        float max = features.max().item<float>(), min = features.min().item<float>();
        Assert.Equal(max - 2.0f, min, 5); // 8 decades = 2 after the division by 4
    }

    [Fact]
    public void A_batch_equals_its_items_one_by_one_and_128_bins_work()
    {
        var random = new Random(7);
        float[][] waveforms = [Noise(random, 12000), Noise(random, 30000)];
        using var extractor = new WhisperLogMel(new WhisperLogMelOptions { MelBins = 128 });

        var (batch, lengths) = extractor.ExtractBatch(waveforms);
        using (batch)
        using (lengths)
        {
            Assert.Equal([2L, 3000L, 128L], batch.shape);
            Assert.Equal([3000L, 3000L], lengths.data<long>().ToArray());
            for (int b = 0; b < 2; b++)
            {
                using var single = extractor.Extract(waveforms[b]);
                Assert.True(batch[b].allclose(single, rtol: 1e-5, atol: 1e-5));
            }
        }
    }

    [Fact]
    public void Unpadded_output_has_one_frame_per_hop()
    {
        using var extractor = new WhisperLogMel(new WhisperLogMelOptions { PadToThirtySeconds = false });
        using var features = extractor.Extract(Noise(new Random(1), 16000));
        Assert.Equal([100L, 80L], features.shape);
        Assert.Equal(100, extractor.FrameCount(16000));
    }

    static float[] Noise(Random random, int samples) => Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
}
