using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Whisper's log-mel spectrogram, number for number: periodic Hann 400, hop 160, centred
/// STFT with reflect padding, power of all but the last frame, Slaney mel filters (librosa),
/// log10 clamped at 1e-10, floor at max − 8 per utterance, then (x + 4) / 4. Batched with
/// torch.stft on the extractor's device.</summary>
public sealed class WhisperLogMel : IFeatureExtractor
{
    readonly WhisperLogMelOptions options;
    readonly Device device;
    readonly Tensor window;   // [400]
    readonly Tensor filters;  // [mels, 201]

    public WhisperLogMel(WhisperLogMelOptions? options = null, Device? device = null)
    {
        this.options = options ?? new WhisperLogMelOptions();
        if (this.options.MelBins is not (80 or 128))
            throw new Errors.ConfigException($"whisper-mel: n_mels must be 80 or 128, not {this.options.MelBins}");
        this.device = device ?? CPU;
        window = hann_window(WhisperLogMelOptions.FftSize, periodic: true, device: this.device);
        filters = tensor(MelFilterBank.Slaney(WhisperLogMelOptions.SampleRate, WhisperLogMelOptions.FftSize, this.options.MelBins)).to(this.device);
    }

    public string Name => "whisper-mel";
    public int SampleRate => WhisperLogMelOptions.SampleRate;
    public int Dimension => options.MelBins;

    public int FrameCount(int samples) =>
        (options.PadToThirtySeconds ? WhisperLogMelOptions.ThirtySeconds : samples) / WhisperLogMelOptions.HopLength;

    public Tensor Extract(ReadOnlySpan<float> waveform) => WaveformBatch.ExtractOne(this, waveform);

    public (Tensor Features, Tensor Lengths) ExtractBatch(IReadOnlyList<float[]> waveforms)
    {
        using var scope = NewDisposeScope();
        int longest = waveforms.Max(w => w.Length);
        // Reflect padding needs more than n_fft/2 samples; shorter inputs are zero-extended.
        int length = options.PadToThirtySeconds ? WhisperLogMelOptions.ThirtySeconds : Math.Max(longest, WhisperLogMelOptions.FftSize / 2 + 1);
        var audio = WaveformBatch.Stack(waveforms, length, device); // [B, N]
        var spectrum = stft(audio, WhisperLogMelOptions.FftSize, WhisperLogMelOptions.HopLength, window: window,
            center: true, pad_mode: PaddingModes.Reflect, return_complex: true); // [B, 201, N/160 + 1]
        long frames = spectrum.shape[2] - 1;
        var power = spectrum.narrow(2, 0, frames).abs().pow(Scalars.Two); // [B, 201, T]
        var mel = matmul(filters, power); // [B, mels, T]
        // Explicit Scalars: implicit ones are freed by the finalizer thread, possibly mid-call (batches are built on loader threads).
        using Scalar floor = 1e-10.ToScalar(), range = 8.0.ToScalar(), four = 4.0.ToScalar();
        var log = mel.clamp_min(floor).log10();
        var ceiling = log.amax([1, 2], keepdim: true); // [B, 1, 1]: per utterance, so batching changes nothing
        log = maximum(log, ceiling.sub(range));
        var features = log.add(four, Scalars.One).div(four).transpose(1, 2).contiguous(); // [B, T, mels]
        int[] valid = waveforms.Select(w => Math.Min(FrameCount(w.Length), (int)frames)).ToArray();
        if (options.PadToThirtySeconds) Array.Fill(valid, (int)frames);
        else for (int b = 0; b < valid.Length; b++) features[b, TensorIndex.Slice(valid[b])].zero_();
        var lengths = WaveformBatch.Lengths(valid, device);
        return (features.MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        window.Dispose();
        filters.Dispose();
    }
}
