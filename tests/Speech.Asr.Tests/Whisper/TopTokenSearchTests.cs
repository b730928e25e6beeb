using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

/// <summary>The hot-set search against the plain argmax of the full projection (computed here with
/// one matmul), on a random model, on a "narrow-domain" one, and inside greedy decoding.</summary>
public sealed class TopTokenSearchTests
{
    static readonly WhisperConfig Config = WhisperModelTests.Tiny with { VocabSize = 3000, PadTokenId = 2990, BosTokenId = 2991, EosTokenId = 2990, DecoderStartTokenId = 2991 };

    /// <summary>What training on a narrow domain leaves: every row near one shared direction
    /// except the <paramref name="used"/> tokens (returned), which have large residuals.</summary>
    static (WhisperModel Model, long[] Used) Narrow(int used, int seed)
    {
        manual_seed(seed);
        var model = new WhisperModel(Config);
        var ids = randperm(Config.VocabSize).narrow(0, 0, used);
        using (no_grad())
        {
            using Scalar half = 0.5.ToScalar(), small = 0.01.ToScalar();
            var weight = model.Decoder.OutputWeight;
            var shared = randn(Config.DModel).mul(half);
            weight.copy_(shared.add(randn(Config.VocabSize, Config.DModel).mul(small), Scalars.One));
            weight.index_copy_(0, ids, shared.add(randn(used, Config.DModel), Scalars.One));
        }
        return (model, ids.data<long>().ToArray());
    }

    static long[] FullArgmax(WhisperModel model, Tensor hidden, Tensor? suppressed)
    {
        var logits = hidden.matmul(model.Decoder.OutputWeight.t());
        if (suppressed is not null) logits = logits.masked_fill(suppressed, Scalars.NegativeInfinity);
        return logits.argmax(-1).data<long>().ToArray();
    }

    /// <summary>A random model, <paramref name="rows"/> decoder states and a tenth of the vocabulary suppressed.</summary>
    static (WhisperModel Model, Tensor Hidden, Tensor Suppressed) RandomCase(int seed, int rows)
    {
        manual_seed(seed);
        var model = new WhisperModel(Config);
        using Scalar three = 3.ToScalar(), tenth = 0.1.ToScalar();
        return (model, randn(rows, Config.DModel).mul(three), rand(Config.VocabSize) < tenth);
    }

    [Fact]
    public void Picks_equal_the_full_argmax_on_a_random_model_with_suppressed_tokens()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, hidden, suppressed) = RandomCase(seed: 4, rows: 64);
        using var owned = model;
        using var search = new TopTokenSearch(model, hotTokens: 100);

        Assert.Equal(FullArgmax(model, hidden, suppressed), search.Pick(hidden, suppressed));
        Assert.Equal(FullArgmax(model, hidden, null), search.Pick(hidden, null));
        using var full = TopTokenSearch.Full(model);
        Assert.Equal(FullArgmax(model, hidden, suppressed), full.Pick(hidden, suppressed));
    }

    [Fact]
    public void A_guess_comes_with_its_softmax_probability_over_the_rows_searched()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, hidden, suppressed) = RandomCase(seed: 5, rows: 8);
        using var owned = model;
        var logits = hidden.matmul(model.Decoder.OutputWeight.t()).masked_fill(suppressed, Scalars.NegativeInfinity);
        var expected = logits.softmax(-1).max(-1).values.data<float>().ToArray();

        using var full = TopTokenSearch.Full(model);
        var (tokens, probabilities) = full.Guess(hidden, suppressed);
        Assert.Equal(FullArgmax(model, hidden, suppressed), tokens);
        for (int row = 0; row < 8; row++) Assert.Equal(expected[row], probabilities[row], 5);

        // With a hot set: a softmax over fewer rows gives each guess at least its full probability.
        using var hot = new TopTokenSearch(model, hotTokens: 100);
        var (hotTokens, hotProbabilities) = hot.Guess(hidden, suppressed);
        for (int row = 0; row < 8; row++)
        {
            float probabilityInFull = logits[row].softmax(0)[hotTokens[row]].item<float>();
            Assert.InRange(hotProbabilities[row], probabilityInFull, 1f);
        }
    }

    [Fact]
    public void A_narrow_domain_model_is_searched_in_its_hot_set_alone_and_exactly()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, used) = Narrow(used: 200, seed: 5);
        using var owned = model;
        using var search = new TopTokenSearch(model, hotTokens: 256);
        var weight = model.Decoder.OutputWeight;
        // States that point at used tokens (as a trained decoder's do), plus noise.
        var targets = tensor(used.Take(40).ToArray());
        using var noise = 0.3.ToScalar();
        var hidden = (weight.index_select(0, targets) - weight.mean([0])).mul(Scalars.Two).add(randn(40, Config.DModel).mul(noise), Scalars.One);

        Assert.Equal(FullArgmax(model, hidden, null), search.Pick(hidden, null));
        Assert.Equal(0, search.FullProjections);
        Assert.Equal(40, search.Picks);
        // Where the bound holds, the unbounded guess (a draft model's pick) is the same token.
        Assert.Equal(FullArgmax(model, hidden, null), search.Guess(hidden, null).Tokens);
        Assert.Equal(40, search.Guesses);
        Assert.Equal(40, search.Picks);
    }

    [Fact]
    public void A_near_tie_inside_the_hot_set_is_decided_by_the_full_projection()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, used) = Narrow(used: 200, seed: 7);
        using var owned = model;
        var weight = model.Decoder.OutputWeight;
        // Token b's row is token a's plus a nudge far below float32's safety margin: a near-tie for
        // states pointing at a, whose winner the hot rows' matmul and the full one may round differently.
        long a = used[0], b = used[1];
        using Scalar nudge = 1e-6.ToScalar();
        weight[b] = weight[a].add(randn(Config.DModel).mul(nudge), Scalars.One);
        using var search = new TopTokenSearch(model, hotTokens: 256);
        using var noise = 0.05.ToScalar();
        var hidden = (weight[a] - weight.mean([0])).mul(Scalars.Two).unsqueeze(0).expand(6, -1).add(randn(6, Config.DModel).mul(noise), Scalars.One);

        long[] picks = search.Pick(hidden, null);
        Assert.All(picks, pick => Assert.Contains(pick, new[] { a, b }));
        Assert.Equal(6, search.FullProjections);
        for (int row = 0; row < 6; row++)
            Assert.Equal(FullArgmax(model, hidden.narrow(0, row, 1), null)[0], picks[row]);
    }

    [Fact]
    public void When_the_bound_cannot_rule_out_the_other_tokens_the_full_projection_decides()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, used) = Narrow(used: 200, seed: 6);
        using var owned = model;
        using var search = new TopTokenSearch(model, hotTokens: 256);
        // Every used token suppressed: the answer lies outside the hot set.
        var suppressed = zeros(Config.VocabSize, ScalarType.Bool);
        suppressed.index_fill_(0, tensor(used), Scalars.True);
        using var four = 4.ToScalar();
        var hidden = randn(8, Config.DModel).mul(four);

        var expected = FullArgmax(model, hidden, suppressed);
        Assert.Equal(expected, search.Pick(hidden, suppressed));
        Assert.Equal(8, search.FullProjections);
        Assert.DoesNotContain(expected, id => used.Contains(id));
    }

    [Fact]
    public void Greedy_decoding_with_the_search_gives_the_plain_projections_tokens()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (model, _) = Narrow(used: 300, seed: 7);
        using var owned = model;
        var states = model.Encode(randn(3, 16, 40));
        var options = new GreedyOptions(new long[] { 2991 }, EndToken: 2990, MaxNewTokens: 20, SuppressTokens: new long[] { 11, 12 }, SuppressAtBegin: new long[] { 13 });
        using var search = new TopTokenSearch(model, hotTokens: 320);

        var plain = GreedyDecoder.Decode(model, states, options);
        var searched = GreedyDecoder.Decode(model, states, options, search);

        Assert.Equal(plain, searched);
        Assert.True(plain.Sum(r => r.Length) > 10, "the model emits tokens to compare");
    }

    [Fact]
    public void On_a_model_that_uses_its_whole_vocabulary_the_search_gives_up_and_stays_exact()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        manual_seed(8);
        using var model = new WhisperModel(Config); // random rows: no shared direction to bound
        using var search = new TopTokenSearch(model, hotTokens: 100);
        using var three = 3.ToScalar();
        var hidden = randn(200, Config.DModel).mul(three);

        for (int start = 0; start < 200; start += 20)
        {
            var rows = hidden.narrow(0, start, 20);
            Assert.Equal(FullArgmax(model, rows, null), search.Pick(rows, null));
        }
        Assert.True(search.GaveUp);
        Assert.True(search.FullProjections > 150, $"{search.FullProjections} of {search.Picks}");
    }
}
