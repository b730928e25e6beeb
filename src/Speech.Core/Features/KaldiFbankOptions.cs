namespace Speech.Core.Features;

/// <summary>Kaldi compute-fbank-feats / torchaudio.compliance.kaldi.fbank settings; defaults are
/// theirs except <see cref="MelBins"/> (80, as icefall and lhotse use, not Kaldi's 23).</summary>
public sealed record KaldiFbankOptions
{
    public int SampleRate { get; init; } = 16000;
    /// <summary>Window length, ms (Kaldi 25).</summary>
    public double FrameLengthMs { get; init; } = 25;
    /// <summary>Hop, ms (Kaldi 10).</summary>
    public double FrameShiftMs { get; init; } = 10;
    public int MelBins { get; init; } = 80;
    /// <summary>Lowest mel edge, Hz (Kaldi 20).</summary>
    public double LowHz { get; init; } = 20;
    /// <summary>Highest mel edge, Hz; 0 or negative counts back from Nyquist (Kaldi 0).</summary>
    public double HighHz { get; init; } = 0;
    /// <summary>Pre-emphasis coefficient (Kaldi 0.97).</summary>
    public double Preemphasis { get; init; } = 0.97;
    /// <summary>Gaussian dither amplitude; torchaudio's default 0 keeps features deterministic.</summary>
    public double Dither { get; init; } = 0;
    public bool RemoveDcOffset { get; init; } = true;
    /// <summary>Mel energies of power (true) or magnitude spectra.</summary>
    public bool UsePower { get; init; } = true;
    /// <summary>Zero-pad each frame to the next power of two before the FFT (Kaldi true).</summary>
    public bool RoundToPowerOfTwo { get; init; } = true;

    public int WindowSamples => (int)(SampleRate * FrameLengthMs / 1000);
    public int ShiftSamples => (int)(SampleRate * FrameShiftMs / 1000);
    public int PaddedWindow => RoundToPowerOfTwo ? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)WindowSamples) : WindowSamples;
}
