using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class BeamSearchDecoderTests
{
    [Fact]
    public void A_beam_of_one_is_greedy()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 101);
        using var guard = no_grad();
        var states = model.Encode(randn(2, 16, 40));
        var options = new GreedyOptions(new long[] { 61, 62 }, EndToken: 60, MaxNewTokens: 10, SuppressAtBegin: new long[] { 60 });
        Assert.Equal(GreedyDecoder.Decode(model, states, options), BeamSearchDecoder.Decode(model, states, options, beamSize: 1));
    }

    /// <summary>With a beam wider than every set of live sequences, beam search is exhaustive: it
    /// must return the ended sequence with the best log-probability per token, found here by
    /// scoring every possible sequence with plain teacher forcing.</summary>
    [Fact]
    public void A_wide_enough_beam_finds_the_exhaustive_best()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(SixTokens, 102);
        using var guard = no_grad();
        var mel = randn(1, 16, 40);
        var states = model.Encode(mel);
        var options = new GreedyOptions(new long[] { 5 }, EndToken: 4, MaxNewTokens: 3, SuppressTokens: new long[] { 5 });
        var sequences = UpToTwoTokens();
        double Score(long[] text) => TeacherForced(model, mel, text) / (text.Length + 1); // per emitted token, the end included
        var best = sequences.OrderByDescending(s => Score(s)).First();
        Assert.Equal(2, best.Length); // a non-trivial optimum for this seed: two tokens, then the end
        Assert.Equal(best, BeamSearchDecoder.Decode(model, states, options, beamSize: 64)[0]);
    }

    /// <summary>Text tokens 0–3, end 4, start 5: small enough to score every sequence.</summary>
    internal static readonly WhisperConfig SixTokens = WhisperModelTests.Tiny with { VocabSize = 6, PadTokenId = 4, EosTokenId = 4, BosTokenId = 5, DecoderStartTokenId = 5 };

    /// <summary>Every sequence of up to two text tokens of <see cref="SixTokens"/>, the empty one included.</summary>
    internal static List<long[]> UpToTwoTokens()
    {
        var sequences = new List<long[]> { Array.Empty<long>() };
        for (int length = 1; length <= 2; length++)
            sequences.AddRange(sequences.Where(s => s.Length == length - 1).SelectMany(s => Enumerable.Range(0, 4).Select(t => s.Append((long)t).ToArray())).ToList());
        return sequences;
    }

    /// <summary>log P(text, then the end token | start token) by plain teacher forcing, the start
    /// token suppressed as the decoders suppress it.</summary>
    internal static double TeacherForced(WhisperModel model, Tensor mel, long[] text)
    {
        using var scope = NewDisposeScope();
        var full = new long[] { 5 }.Concat(text).Append(4L).ToArray();
        var logits = model.Forward(mel, tensor(full[..^1]).unsqueeze(0))[0].to(ScalarType.Float64);
        logits[TensorIndex.Colon, 5] = double.NegativeInfinity;
        var logProbabilities = nn.functional.log_softmax(logits, -1);
        double sum = 0;
        for (int i = 1; i < full.Length; i++) sum += logProbabilities[i - 1, full[i]].item<double>();
        return sum;
    }
}
