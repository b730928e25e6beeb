using Speech.Core.Features;
using TorchSharp;

namespace Speech.Core.Tests.Features;

/// <summary>Extractors leave no tensors behind: the thread's live count is flat after repeated use.</summary>
public sealed class FeatureLeakTests
{
    [Theory]
    [InlineData("whisper-mel")]
    [InlineData("fbank")]
    public void Repeated_extraction_keeps_the_live_tensor_count_flat(string kind)
    {
        using var extractor = FeatureExtractors.Create(kind);
        float[][] waveforms = [new float[8000], new float[12000]];
        using (extractor.Extract(waveforms[0])) { } // warm up any lazily made tensors
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 3; i++)
        {
            using (extractor.Extract(waveforms[1])) { }
            var (features, lengths) = extractor.ExtractBatch(waveforms);
            features.Dispose();
            lengths.Dispose();
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
