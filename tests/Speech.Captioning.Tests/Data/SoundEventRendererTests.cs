using Speech.Captioning.Data;
using Speech.Testing;

namespace Speech.Captioning.Tests.Data;

public sealed class SoundEventRendererTests
{
    /// <summary>Tone pitch is drawn from [300, 1770) Hz for training and [1770, 2400) Hz for test
    /// (70 % of the range split): measured from zero crossings (f ≈ crossings / 2 / seconds), no
    /// training tone reaches a test pitch.</summary>
    [Fact]
    public void TrainAndTestTonesHaveDisjointPitches()
    {
        using var temp = new TempDirectory();
        double Pitch(float[] s) => Enumerable.Range(1, s.Length - 1).Count(i => (s[i - 1] < 0) != (s[i] < 0)) / 2.0 / (s.Length / 16000.0);
        var train = new SoundEventRenderer(new Random(1), heldOut: false, temp.Path);
        var test = new SoundEventRenderer(new Random(1), heldOut: true, temp.Path);
        var trainPitches = Enumerable.Range(0, 30).Select(_ => Pitch(train.Render(SoundEventKind.Tone).Samples)).ToList();
        var testPitches = Enumerable.Range(0, 30).Select(_ => Pitch(test.Render(SoundEventKind.Tone).Samples)).ToList();
        Assert.True(trainPitches.Max() < 1790, $"train max {trainPitches.Max():F0} Hz");
        Assert.True(testPitches.Min() > 1750, $"test min {testPitches.Min():F0} Hz");
    }
}
