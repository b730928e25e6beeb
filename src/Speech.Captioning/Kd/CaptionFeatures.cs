using Speech.Core.Features;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Kd;

/// <summary>The captioning front end: log-mel (Kaldi fbank at 16 kHz, 25 ms window, 10 ms hop, no
/// dither so features depend on the audio alone), each clip standardised over its valid frames
/// and bins (one mean and deviation per clip, so the spectral shape that tells events apart stays).</summary>
public sealed class CaptionFeatures(int melBins, Device? device = null) : IDisposable
{
    public const int SampleRate = 16000;
    readonly KaldiFbank fbank = new(new KaldiFbankOptions { MelBins = melBins, Dither = 0 }, device ?? CPU);

    /// <summary>Features <c>[B, T, F]</c> and frame counts <c>[B]</c> of 16 kHz waveforms.</summary>
    public (Tensor Features, Tensor Lengths) Extract(IReadOnlyList<float[]> audio)
    {
        using var scope = NewDisposeScope();
        var (features, lengths) = fbank.ExtractBatch(audio);
        var valid = Scalars.Arange(0, features.shape[1], features.device).unsqueeze(0).lt(lengths.unsqueeze(1)).unsqueeze(2).to(features.dtype); // [B, T, 1]
        using var bins = features.shape[2].ToScalar();
        var count = lengths.to(features.dtype).mul(bins).clamp_min(Scalars.One).view(-1, 1, 1);
        var mean = (features * valid).sum([1, 2], keepdim: true) / count;
        var centred = (features - mean) * valid;
        var deviation = (centred.pow(Scalars.Two).sum([1, 2], keepdim: true) / count).sqrt().clamp_min(Scalars.One);
        return ((centred / deviation).MoveToOuterDisposeScope(), lengths.MoveToOuterDisposeScope());
    }

    public void Dispose() => fbank.Dispose();
}
