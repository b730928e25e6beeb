using Speech.Asr.Ctc;
using Speech.Asr.Whisper;
using Speech.Core.Errors;
using Speech.Core.Text;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class WhisperCtcHeadTests
{
    static CtcVocabulary Upper => new(CharacterTokenizer.Train(new[] { "AND IT'S" })); // ' , ', A D I N S T

    /// <summary>The decoder writes sentence case with punctuation; the head learned upper-case
    /// transcripts: case folds, punctuation has no unit, unseen letters and digits are unknown, and
    /// a leading or doubled space is one separator.</summary>
    [Fact]
    public void Decoded_text_maps_to_the_units_the_head_learned()
    {
        using var head = new WhisperCtcHead(zeros(Upper.Size, 4), zeros(Upper.Size), Upper);
        var units = head.UnitsOf(" And  it's, 9 x!");
        Assert.Equal("AND IT'S <unk> <unk>", Upper.Decode(units));
        Assert.Equal(WhisperCtcHead.UnknownUnit, units[^1]);
        Assert.Empty(head.UnitsOf("  ,."));
        // A token at a time gives the same units as the whole text (the decoder extends prefixes).
        Assert.Equal(head.UnitsOf(" And it's"), head.UnitsOf(" And").Concat(head.UnitsOf(" And it's").Skip(head.UnitsOf(" And").Count)));
        Assert.Equal(head.UnitsOf(" And").ToList(), head.UnitsOf(" And it's").Take(head.UnitsOf(" And").Count).ToList());
    }

    [Fact]
    public void Saved_heads_load_and_give_normalised_log_probabilities()
    {
        using var scope = NewDisposeScope();
        using var temp = new TempDirectory();
        manual_seed(3);
        var weight = randn(Upper.Size, WhisperModelTests.Tiny.DModel);
        var bias = randn(Upper.Size);
        WhisperCtcHead.Save(temp.Path, weight, bias, Upper);
        Assert.True(WhisperCtcHead.ExistsIn(temp.Path));
        using var head = WhisperCtcHead.Load(temp.Path, WhisperModelTests.Tiny);
        var states = randn(2, 7, WhisperModelTests.Tiny.DModel);
        var logProbabilities = head.LogProbabilities(states);
        Assert.Equal(new long[] { 2, 7, Upper.Size }, logProbabilities.shape);
        Assert.True(logProbabilities.exp().sum(-1).allclose(ones(2, 7), 1e-5, 1e-5));
        var expected = nn.functional.log_softmax(states.matmul(weight.t()).add(bias, Speech.Core.Nn.Scalars.One), -1);
        Assert.True(logProbabilities.allclose(expected, 1e-5, 1e-5));
    }

    [Fact]
    public void Missing_or_misfitting_heads_are_clear_errors()
    {
        using var scope = NewDisposeScope();
        using var temp = new TempDirectory();
        var missing = Assert.Throws<CheckpointException>(() => WhisperCtcHead.Load(temp.Path, WhisperModelTests.Tiny));
        Assert.Contains(WhisperCtcHead.WeightsFile, missing.Message);
        WhisperCtcHead.Save(temp.Path, randn(Upper.Size, 8), randn(Upper.Size), Upper); // 8 wide, the model 32
        var narrow = Assert.Throws<CheckpointException>(() => WhisperCtcHead.Load(temp.Path, WhisperModelTests.Tiny));
        Assert.Contains(WhisperCtcHead.WeightsFile, narrow.Message);
        Assert.Contains("32 wide", narrow.Message);
        Assert.Throws<CheckpointException>(() => WhisperCtcHead.Save(temp.Path, randn(3, 32), randn(3), Upper)); // 3 outputs, 10 units
    }
}
