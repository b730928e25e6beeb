using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Kaldi log mel filter-bank features as torchaudio.compliance.kaldi.fbank computes them:
/// snip-edges framing, optional dither, DC removal, pre-emphasis (first sample against itself),
/// Povey window (Hann^0.85, symmetric), zero-padding to a power of two, power spectrum, Kaldi mel
/// banks, natural log floored at float epsilon. Samples are used as given (no int16 scaling).</summary>
public sealed class KaldiFbank : IFeatureExtractor
{
    readonly KaldiFbankOptions options;
    readonly Device device;
    readonly Tensor window; // [W]
    readonly Tensor banks;  // [P/2 + 1, mels]

    public KaldiFbank(KaldiFbankOptions? options = null, Device? device = null)
    {
        this.options = options ?? new KaldiFbankOptions();
        this.device = device ?? CPU;
        using var exponent = 0.85.ToScalar();
        window = hann_window(this.options.WindowSamples, periodic: false, dtype: ScalarType.Float64).pow(exponent).to(ScalarType.Float32).to(this.device);
        banks = tensor(MelFilterBank.Kaldi(this.options.SampleRate, this.options.PaddedWindow, this.options.MelBins, this.options.LowHz, this.options.HighHz))
            .t().contiguous().to(this.device);
    }

    public string Name => "fbank";
    public int SampleRate => options.SampleRate;
    public int Dimension => options.MelBins;

    /// <summary>Kaldi's snip-edges count: whole windows only.</summary>
    public int FrameCount(int samples) =>
        samples < options.WindowSamples ? 0 : 1 + (samples - options.WindowSamples) / options.ShiftSamples;

    public Tensor Extract(ReadOnlySpan<float> waveform) => WaveformBatch.ExtractOne(this, waveform);

    public (Tensor Features, Tensor Lengths) ExtractBatch(IReadOnlyList<float[]> waveforms)
    {
        using var scope = NewDisposeScope();
        int[] frames = waveforms.Select(w => FrameCount(w.Length)).ToArray();
        int longest = frames.Max();
        var lengths = WaveformBatch.Lengths(frames, device);
        if (longest == 0)
            return (zeros([waveforms.Count, 0, Dimension], device: device).MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope());
        int samples = options.WindowSamples + (longest - 1) * options.ShiftSamples;
        var audio = WaveformBatch.Stack(waveforms, samples, device); // [B, N]
        var framed = audio.unfold(1, options.WindowSamples, options.ShiftSamples); // [B, T, W]
        using Scalar dither = options.Dither.ToScalar(), preemphasis = options.Preemphasis.ToScalar(), floor = FloatEpsilon.ToScalar();
        if (options.Dither > 0) framed = framed.add(randn_like(framed).mul(dither), Scalars.One);
        if (options.RemoveDcOffset) framed = framed - framed.mean([2], keepdim: true);
        if (options.Preemphasis != 0)
        {
            var previous = cat([framed.narrow(2, 0, 1), framed.narrow(2, 0, options.WindowSamples - 1)], 2); // x[-1] := x[0]
            framed = framed - previous.mul(preemphasis);
        }
        framed = framed * window;
        var spectrum = fft.rfft(framed, options.PaddedWindow, dim: 2); // [B, T, P/2 + 1]
        var magnitude = spectrum.abs();
        var energies = matmul(options.UsePower ? magnitude.pow(Scalars.Two) : magnitude, banks); // [B, T, mels]
        var features = energies.clamp_min(floor).log();
        for (int b = 0; b < frames.Length; b++)
            if (frames[b] < longest) features[b, TensorIndex.Slice(frames[b])].zero_();
        return (features.MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope());
    }

    /// <summary>torch.finfo(float32).eps, Kaldi's log floor.</summary>
    const double FloatEpsilon = 1.1920928955078125e-07;

    public void Dispose()
    {
        window.Dispose();
        banks.Dispose();
    }
}
