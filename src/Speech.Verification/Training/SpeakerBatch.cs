using static TorchSharp.torch;

namespace Speech.Verification.Training;

/// <summary>A training batch: fbank frames <c>[B, T, F]</c> (zero-padded), frame counts <c>[B]</c>,
/// speaker indexes <c>[B]</c> (int64), and the cut ids.</summary>
public sealed record SpeakerBatch(Tensor Features, Tensor FeatureLengths, Tensor Speakers, IReadOnlyList<string> CutIds) : IDisposable
{
    public void Dispose()
    {
        Features.Dispose();
        FeatureLengths.Dispose();
        Speakers.Dispose();
    }
}
