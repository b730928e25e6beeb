namespace Speech.Core.Features;

/// <summary>Mel filter matrices <c>[mels, fftBins]</c>, computed in double and stored as float32
/// as the reference front-ends store them.</summary>
public static class MelFilterBank
{
    /// <summary>librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm="slaney"): the
    /// Slaney mel scale (linear below 1 kHz, logarithmic above), triangles on the FFT bin
    /// frequencies, each scaled to unit area (2 / bandwidth). Whisper's mel_filters.npz is this.</summary>
    public static float[,] Slaney(int sampleRate, int fftSize, int melBins, double minHz = 0, double? maxHz = null)
    {
        double top = maxHz ?? sampleRate / 2.0;
        int bins = fftSize / 2 + 1;
        // melBins + 2 edges evenly spaced in mel, back in Hz.
        double lowMel = SlaneyMel(minHz), highMel = SlaneyMel(top);
        var edges = new double[melBins + 2];
        for (int i = 0; i < edges.Length; i++) edges[i] = SlaneyHz(lowMel + (highMel - lowMel) * i / (melBins + 1));
        var filters = new float[melBins, bins];
        for (int m = 0; m < melBins; m++)
        {
            double area = 2.0 / (edges[m + 2] - edges[m]);
            for (int k = 0; k < bins; k++)
            {
                double hz = (double)k * sampleRate / fftSize;
                double rising = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                double falling = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                filters[m, k] = (float)(Math.Max(0, Math.Min(rising, falling)) * area);
            }
        }
        return filters;
    }

    /// <summary>Kaldi's (and torchaudio.compliance.kaldi's) mel banks: HTK mel
    /// <c>1127 ln(1 + f/700)</c>, triangles evaluated in mel on the FFT bin frequencies, no area
    /// normalisation; the Nyquist bin gets weight 0, as Kaldi pads it.</summary>
    public static float[,] Kaldi(int sampleRate, int paddedWindow, int melBins, double lowHz = 20, double highHz = 0)
    {
        double nyquist = sampleRate / 2.0;
        if (highHz <= 0) highHz += nyquist;
        if (lowHz < 0 || lowHz >= nyquist || highHz <= lowHz || highHz > nyquist)
            throw new ArgumentOutOfRangeException(nameof(lowHz), $"mel range {lowHz}..{highHz} Hz does not fit in 0..{nyquist} Hz");
        int fftBins = paddedWindow / 2;
        double binWidth = (double)sampleRate / paddedWindow;
        double lowMel = HtkMel(lowHz), delta = (HtkMel(highHz) - lowMel) / (melBins + 1);
        var filters = new float[melBins, fftBins + 1];
        for (int m = 0; m < melBins; m++)
        {
            double left = lowMel + m * delta, centre = left + delta, right = centre + delta;
            for (int k = 0; k < fftBins; k++)
            {
                double mel = HtkMel(binWidth * k);
                double weight = Math.Min((mel - left) / (centre - left), (right - mel) / (right - centre));
                filters[m, k] = (float)Math.Max(0, weight);
            }
        }
        return filters;
    }

    const double SlaneyLinearStep = 200.0 / 3;   // Hz per mel below 1 kHz
    const double SlaneyBreakHz = 1000;
    const double SlaneyBreakMel = SlaneyBreakHz / SlaneyLinearStep; // 15
    static readonly double SlaneyLogStep = Math.Log(6.4) / 27;

    static double SlaneyMel(double hz) =>
        hz < SlaneyBreakHz ? hz / SlaneyLinearStep : SlaneyBreakMel + Math.Log(hz / SlaneyBreakHz) / SlaneyLogStep;

    static double SlaneyHz(double mel) =>
        mel < SlaneyBreakMel ? mel * SlaneyLinearStep : SlaneyBreakHz * Math.Exp(SlaneyLogStep * (mel - SlaneyBreakMel));

    static double HtkMel(double hz) => 1127 * Math.Log(1 + hz / 700);
}
