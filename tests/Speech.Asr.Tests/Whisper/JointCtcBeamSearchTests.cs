using Speech.Asr.Ctc;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using Speech.Core.Text;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class JointCtcBeamSearchTests
{
    /// <summary>Text tokens 0–3 spell "", "a", "b", "ab" (token 0 is like punctuation: no CTC unit);
    /// 4 ends, 5 starts. Units: blank 0, unk 1, a 2, b 3.</summary>
    static readonly int[][] Spelling = { Array.Empty<int>(), new[] { 2 }, new[] { 3 }, new[] { 2, 3 } };

    static IReadOnlyList<int> Units(IReadOnlyList<long> tokens) => tokens.SelectMany(t => Spelling[t]).ToList();

    internal static WhisperCtcHead RandomHead(int width, int seed)
    {
        manual_seed(seed);
        var vocabulary = new CtcVocabulary(new CharacterTokenizer(new[] { "<unk>", "a", "b" }));
        return new WhisperCtcHead(randn(vocabulary.Size, width), randn(vocabulary.Size), vocabulary);
    }

    /// <summary>With a beam wider than every set of live hypotheses and every token a candidate, the
    /// search is exhaustive: it must return the sequence with the best joint score, found here by
    /// scoring every sequence of up to two tokens with teacher forcing (attention) and libtorch's CTC
    /// loss (CTC), and it must report both terms as those independent computations give them.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void A_wide_enough_beam_finds_the_exhaustive_joint_best(double weight)
    {
        using var scope = NewDisposeScope();
        var config = BeamSearchDecoderTests.SixTokens;
        using var model = WhisperModelTests.Varied(config, 202);
        using var head = RandomHead(config.DModel, 203);
        using var guard = no_grad();
        var mel = randn(1, 16, 40);
        var states = model.Encode(mel);
        var ctc = head.LogProbabilities(states)[0]; // [S, U]
        var options = new GreedyOptions(new long[] { 5 }, EndToken: 4, MaxNewTokens: 3, SuppressTokens: new long[] { 5 });
        var sequences = BeamSearchDecoderTests.UpToTwoTokens();
        double Attention(long[] text) => BeamSearchDecoderTests.TeacherForced(model, mel, text);
        double Ctc(long[] text)
        {
            var units = Units(text);
            if (units.Count == 0) return ctc.select(1, 0).sum().item<float>(); // all blanks
            var loss = nn.functional.ctc_loss(ctc.unsqueeze(1), tensor(units.Select(u => (long)u).ToArray()).unsqueeze(0),
                tensor(new long[] { ctc.shape[0] }), tensor(new long[] { units.Count }), reduction: nn.Reduction.None);
            return -loss.item<float>();
        }
        var scored = sequences.Select(s => (Tokens: s, Attention: Attention(s), Ctc: Ctc(s))).ToList();
        var best = scored.OrderByDescending(s => (1 - weight) * s.Attention + weight * s.Ctc).First();

        var result = JointCtcBeamSearch.Decode(model, head, states, options, Units, weight, beamSize: 64, preBeam: 6)[0];
        Assert.Equal(best.Tokens, result.Tokens);
        Assert.Equal(best.Attention, result.Attention, 4);
        Assert.Equal(best.Ctc, result.Ctc, 3);
        if (weight == 0.7) // the CTC term changes the answer for this seed
            Assert.NotEqual(scored.OrderByDescending(s => s.Attention).First().Tokens, result.Tokens);
    }

    /// <summary>With no CTC weight and one hypothesis the search is greedy decoding, token for token,
    /// although every step scores ten candidates: an ending counts only where it outranks the
    /// hypothesis kept alive (an early weak ending once cut hypotheses short).</summary>
    [Fact]
    public void With_no_ctc_weight_a_beam_of_one_is_greedy()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 206);
        using var head = RandomHead(WhisperModelTests.Tiny.DModel, 207);
        using var guard = no_grad();
        var states = model.Encode(randn(4, 16, 40));
        var options = new GreedyOptions(new long[] { 61, 62 }, EndToken: 60, MaxNewTokens: 12, SuppressTokens: new long[] { 61, 62, 63 });
        var greedy = GreedyDecoder.Decode(model, states, options);
        var joint = JointCtcBeamSearch.Decode(model, head, states, options, _ => Array.Empty<int>(), ctcWeight: 0, beamSize: 1, preBeam: 10);
        Assert.Equal(greedy, joint.Select(r => r.Tokens).ToList());
        Assert.Contains(greedy, g => g.Length > 1);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 204);
        using var head = RandomHead(WhisperModelTests.Tiny.DModel, 205);
        var states = model.Encode(randn(1, 16, 40));
        var options = new GreedyOptions(new long[] { 61 }, EndToken: 60, MaxNewTokens: 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => JointCtcBeamSearch.Decode(model, head, states, options, _ => Array.Empty<int>(), ctcWeight: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => JointCtcBeamSearch.Decode(model, head, states, options, _ => Array.Empty<int>(), beamSize: 0));
    }
}
