using Speech.Captioning.Model;
using Speech.Captioning.Tests.Model;
using Speech.Captioning.Training;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Testing;

namespace Speech.Captioning.Tests.Kd;

public sealed class DecodedBatchesTests
{
    /// <summary>A clip whose file is not audio is skipped, reported by id and counted; the others are captioned.</summary>
    [Fact]
    public void AnUndecodableClipIsReportedAndCounted()
    {
        using var temp = new TempDirectory();
        var samples = Enumerable.Range(0, 16000).Select(i => (float)Math.Sin(i * 0.1)).ToArray();
        WavWriter.Write(temp.File("good.wav"), [samples], 16000, PcmEncoding.SignedInt16);
        File.WriteAllText(temp.File("bad.wav"), "this is not audio");
        var cuts = new[]
        {
            new Cut("good", new AudioSource(temp.File("good.wav")), 0, 1, 16000),
            new Cut("bad", new AudioSource(temp.File("bad.wav")), 0, 1, 16000),
        };
        var config = CaptionModelFixtures.Tiny() with { FeatureDim = 64 };
        using var model = CaptionModelFixtures.Model(config);
        var vocabulary = CaptionVocabulary.Build(["a b c d e f g h"]);
        var outcome = CaptionGeneration.Run(model, vocabulary, cuts);
        Assert.Equal(["good"], outcome.Captions.Select(c => c.Id));
        var problem = Assert.Single(outcome.Undecodable);
        Assert.StartsWith("bad: ", problem);
    }
}
