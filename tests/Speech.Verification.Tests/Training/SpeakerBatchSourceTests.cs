using Speech.Core.Data;
using Speech.Verification.Training;
using static TorchSharp.torch;

namespace Speech.Verification.Tests.Training;

public sealed class SpeakerBatchSourceTests
{
    /// <summary>10 cuts of 5 speakers; cut i has 10 + 3i frames of 2 features, every value = i.</summary>
    static SpeakerFeatureSet Data()
    {
        var cuts = Enumerable.Range(0, 10).Select(i => new Cut($"u{i}", new AudioSource("x.wav"), 0, 1, 16000, Speaker: $"s{i % 5}")).ToList();
        return SpeakerFeatureSet.FromFrames(cuts, cuts.Select((_, i) => Enumerable.Repeat((float)i, (10 + 3 * i) * 2).ToArray()).ToList(), 2);
    }

    static List<string> Ids(SpeakerBatchSource source, int batches) =>
        Enumerable.Range(0, batches).SelectMany(_ => { using var b = source.Next(); return b.CutIds; }).ToList();

    [Fact]
    public void Epochs_are_seeded_permutations_and_a_restored_source_continues_exactly()
    {
        var data = Data();
        var first = Ids(new SpeakerBatchSource(data, 4, 16, seed: 3), 6); // 2 batches an epoch (the short third dropped)
        Assert.Equal(first, Ids(new SpeakerBatchSource(data, 4, 16, seed: 3), 6));
        Assert.Equal(8, first.Take(8).Distinct().Count());

        var interrupted = new SpeakerBatchSource(data, 4, 16, seed: 3);
        Ids(interrupted, 3);
        var resumed = new SpeakerBatchSource(data, 4, 16, seed: 3);
        resumed.RestoreState(interrupted.SaveState());
        Assert.Equal(first.Skip(12), Ids(resumed, 3));
        Assert.Equal(2, resumed.Epoch);
    }

    [Fact]
    public void Batches_are_cropped_padded_and_labelled_by_sorted_speaker()
    {
        using var scope = NewDisposeScope();
        var data = Data();
        var (features, lengths) = data.Batch([0, 3], maxFrames: 16); // 10 frames and 19 frames cropped to 16
        Assert.Equal([2, 16, 2], features.shape);
        Assert.Equal([10L, 16L], lengths.data<long>().ToArray());
        Assert.Equal(0f, features[0, 12, 0].item<float>()); // padding
        Assert.Equal(3f, features[1, 15, 1].item<float>());
        using var batch = new SpeakerBatchSource(data, 10, 100, seed: 1).Next();
        var speakers = batch.Speakers.data<long>().ToArray();
        for (int b = 0; b < 10; b++) Assert.Equal(int.Parse(batch.CutIds[b][1..]) % 5, speakers[b]);
    }
}
