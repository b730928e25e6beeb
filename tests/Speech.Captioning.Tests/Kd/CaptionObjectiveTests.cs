using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Captioning.Tests.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Tests.Kd;

public sealed class CaptionObjectiveTests
{
    /// <summary>Hand-made: uniform logits over V = 4 give CE ln 4 at each counted token; −100 positions
    /// and a row of padding only (an audio-only clip) do not count.</summary>
    [Fact]
    public void TokenCrossEntropyCountsOnlyRealTargets()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 3, 4);
        logits[0, 0, 2] = tensor(1f); // row 0 token 0: p(2) = e/(e+3)
        var targets = tensor(new long[] { 2, 1, -100, -100, -100, -100 }, [2, 3]);
        double expected = (-Math.Log(Math.E / (Math.E + 3)) + Math.Log(4)) / 2;
        Assert.Equal(expected, CaptionObjective.TokenCrossEntropy(logits, targets).item<float>(), 5);
        Assert.Equal(0.0, CaptionObjective.TokenCrossEntropy(logits, tensor(Enumerable.Repeat(CaptionBatch.IgnoreIndex, 6).ToArray(), [2, 3])).item<float>());
    }

    /// <summary>An audio-only row changes the KD terms but not the CE term.</summary>
    [Fact]
    public void AudioOnlyClipsAddOnlyToTheKdTerms()
    {
        var config = CaptionModelFixtures.Tiny();
        using var student = new CaptionKdStudent(CaptionModelFixtures.Model(config), new EncoderKdHead(EncoderKdKind.Mse, 16, 5));
        var objective = new CaptionObjective(student, new CaptionObjectiveOptions { SeqKdWeight = 1, EncoderKd = EncoderKdKind.Mse });
        var (features, lengths) = CaptionModelFixtures.Inputs(batch: 2);
        using var scope = NewDisposeScope();
        var inputs = tensor(new long[] { 1, 4, 5, 1, 0, 0 }, [2, 3]);
        var labelled = tensor(new long[] { 4, 5, 2, -100, -100, -100 }, [2, 3]);   // clip 1 audio-only
        var teacherInputs = tensor(new long[] { 1, 6, 1, 7 }, [2, 2]);
        var teacherTargets = tensor(new long[] { 6, 2, 7, 2 }, [2, 2]);
        var batch = new CaptionBatch(features, lengths, inputs, labelled, teacherInputs, teacherTargets, randn(2, 5), ["a", "b"]);
        var terms = objective.Compute(batch).ToDictionary(t => t.Name, t => t.Value.item<float>());
        Assert.Equal(["ce", "seq_kd", "enc_kd"], terms.Keys);

        // Only clip 0 in the batch: same CE (clip 1 had no caption), different KD terms (clip 1 counted there).
        var single = new CaptionBatch(features[..1], lengths[..1], inputs[..1], labelled[..1], teacherInputs[..1], teacherTargets[..1],
            batch.TeacherEmbeddings![..1], ["a"]);
        var alone = objective.Compute(single).ToDictionary(t => t.Name, t => t.Value.item<float>());
        Assert.Equal(terms["ce"], alone["ce"], 5);
        Assert.NotEqual(terms["seq_kd"], alone["seq_kd"], 3);
        Assert.NotEqual(terms["enc_kd"], alone["enc_kd"], 3);
    }

    [Fact]
    public void RepeatedObjectiveStepsKeepTheLiveTensorCountFlat()
    {
        using var student = new CaptionKdStudent(CaptionModelFixtures.Model(CaptionModelFixtures.Tiny()), new EncoderKdHead(EncoderKdKind.Contrastive, 16, 5, 8));
        var objective = new CaptionObjective(student, new CaptionObjectiveOptions { SeqKdWeight = 1, EncoderKd = EncoderKdKind.Contrastive });
        var (features, lengths) = CaptionModelFixtures.Inputs(batch: 2);
        var inputs = tensor(new long[] { 1, 4, 5, 1, 6, 0 }, [2, 3]);
        var targets = tensor(new long[] { 4, 5, 2, 6, 2, -100 }, [2, 3]);
        var embeddings = randn(2, 5);
        void Step()
        {
            using var scope = NewDisposeScope();
            var batch = new CaptionBatch(features, lengths, inputs, targets, inputs, targets, embeddings, ["a", "b"]);
            var total = objective.Compute(batch).Select(t => t.Value).Aggregate((x, y) => x.add(y, Speech.Core.Nn.Scalars.One));
            total.backward();
        }
        Step();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 3; i++) Step();
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
