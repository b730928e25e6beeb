using Speech.Core.Features;

namespace Speech.Core.Tests.Features;

/// <summary>Kaldi fbank against the recipe computed by hand, in double, with a plain DFT.</summary>
public sealed class KaldiFbankTests
{
    [Theory]
    [InlineData(399, 0)]
    [InlineData(400, 1)]
    [InlineData(559, 1)]
    [InlineData(560, 2)]
    [InlineData(1000, 4)]
    [InlineData(16000, 98)]
    public void Frame_count_keeps_whole_windows_only(int samples, int frames)
    {
        using var fbank = new KaldiFbank();
        using var features = fbank.Extract(new float[samples]);
        Assert.Equal(frames, fbank.FrameCount(samples));
        Assert.Equal([(long)frames, 80L], features.shape);
    }

    [Fact]
    public void A_constant_signal_is_all_floor_after_dc_removal()
    {
        using var fbank = new KaldiFbank();
        using var features = fbank.Extract(Enumerable.Repeat(0.3f, 800).ToArray());
        Assert.All(features.data<float>().ToArray(), value => Assert.Equal(Math.Log(1.1920928955078125e-07), value, 1e-6));
    }

    [Fact]
    public void Energies_match_the_recipe_worked_by_hand()
    {
        var random = new Random(11);
        float[] signal = Enumerable.Range(0, 1000)
            .Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * 440 * n / 16000) + 0.05 * (random.NextDouble() - 0.5))).ToArray();
        double[,] expected = HandFbank(signal, melBins: 23);

        using var fbank = new KaldiFbank(new KaldiFbankOptions { MelBins = 23 });
        using var features = fbank.Extract(signal);

        float[] actual = features.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.GetLength(0); t++)
            for (int m = 0; m < 23; m++)
                Assert.Equal(expected[t, m], actual[t * 23 + m], 3);
    }

    /// <summary>The recipe step by step: 400-sample frames every 160, DC removal, pre-emphasis 0.97,
    /// Povey window, 512-point DFT, power, triangles on 1127·ln(1 + f/700) from 20 Hz to 8 kHz, ln.</summary>
    static double[,] HandFbank(float[] signal, int melBins)
    {
        const int window = 400, shift = 160, fft = 512;
        int frames = 1 + (signal.Length - window) / shift;
        static double Mel(double hz) => 1127 * Math.Log(1 + hz / 700);
        double melLow = Mel(20), melStep = (Mel(8000) - melLow) / (melBins + 1);
        var result = new double[frames, melBins];
        for (int t = 0; t < frames; t++)
        {
            double[] x = signal.Skip(t * shift).Take(window).Select(v => (double)v).ToArray();
            double mean = x.Average();
            for (int i = 0; i < window; i++) x[i] -= mean;
            for (int i = window - 1; i > 0; i--) x[i] -= 0.97 * x[i - 1];
            x[0] -= 0.97 * x[0];
            for (int i = 0; i < window; i++) x[i] *= Math.Pow(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (window - 1)), 0.85);
            for (int m = 0; m < melBins; m++)
            {
                double left = melLow + m * melStep, centre = left + melStep, right = centre + melStep, energy = 0;
                for (int k = 0; k < fft / 2; k++)
                {
                    double mel = Mel(k * 16000.0 / fft);
                    if (mel <= left || mel >= right) continue;
                    double weight = mel < centre ? (mel - left) / melStep : (right - mel) / melStep;
                    double re = 0, im = 0;
                    for (int n = 0; n < window; n++)
                    {
                        re += x[n] * Math.Cos(2 * Math.PI * k * n / fft);
                        im -= x[n] * Math.Sin(2 * Math.PI * k * n / fft);
                    }
                    energy += weight * (re * re + im * im);
                }
                result[t, m] = Math.Log(Math.Max(energy, 1.1920928955078125e-07));
            }
        }
        return result;
    }
}
