using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class GreedyDecoderTests
{
    /// <summary>The naive reference: one row at a time, the whole sequence re-run each step, no cache.</summary>
    static List<long> NaiveGreedy(WhisperModel model, Tensor mel, GreedyOptions options)
    {
        using var scope = NewDisposeScope();
        var tokens = options.Prompt.ToList();
        var emitted = new List<long>();
        for (int step = 0; step < options.MaxNewTokens; step++)
        {
            var logits = model.Forward(mel, tensor(tokens.ToArray()).unsqueeze(0))[0, -1].clone(); // [V]
            foreach (long id in options.SuppressTokens ?? Array.Empty<long>()) logits[id] = float.NegativeInfinity;
            if (step == 0) foreach (long id in options.SuppressAtBegin ?? Array.Empty<long>()) logits[id] = float.NegativeInfinity;
            long next = logits.argmax().item<long>();
            if (next == options.EndToken) break;
            emitted.Add(next);
            tokens.Add(next);
        }
        return emitted;
    }

    [Fact]
    public void Batched_cached_greedy_equals_naive_greedy_row_by_row()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 21);
        using var guard = no_grad();
        var mel = randn(3, 16, 40);
        var probe = new GreedyOptions(new long[] { 61, 62 }, EndToken: -1, MaxNewTokens: 8);
        // Use the token row 0 emits third as the end token, so rows finish at different steps.
        long end = NaiveGreedy(model, mel.narrow(0, 0, 1), probe)[2];
        var options = probe with { EndToken = end, SuppressTokens = new long[] { 5, 6 }, SuppressAtBegin = new long[] { 7 } };

        var batched = GreedyDecoder.Decode(model, model.Encode(mel), options);
        for (int b = 0; b < 3; b++)
            Assert.Equal(NaiveGreedy(model, mel.narrow(0, b, 1), options), batched[b]);
        Assert.True(batched[0].Length <= 2);
        Assert.DoesNotContain(batched.SelectMany(r => r), id => id is 5 or 6);
    }

    [Fact]
    public void Decoding_stops_at_the_decoder_position_limit()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var model = new WhisperModel(WhisperModelTests.Tiny); // 24 target positions
        var rows = GreedyDecoder.Decode(model, model.Encode(randn(1, 16, 40)), new GreedyOptions(new long[] { 61, 62 }, EndToken: -1, MaxNewTokens: 100));
        Assert.Equal(22, rows[0].Length);
    }
}
