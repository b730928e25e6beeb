using Speech.Asr.Whisper.Decoding;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

/// <summary>Whisper's timestamp rules on hand-made logits (a 100-token vocabulary: text below 10,
/// end of text 10, no-timestamps 15, timestamps from 20 on), checked case by case against
/// whisper/decoding.py's ApplyTimestampRules, and the segments cut from timestamped tokens.</summary>
public sealed class TimestampRulesTests
{
    static readonly TimestampRules Rules = new(TimestampBegin: 20, EndOfText: 10, NoTimestamps: 15, MaxInitialTimestamp: 0.1); // first timestamp ≤ 20 + 5

    /// <summary>Which ids stay allowed after the rules (no forcing: the non-timestamp ids dominate).</summary>
    static List<long> Allowed(params long[] emitted)
    {
        var logits = zeros(1, 100);
        logits[0, TensorIndex.Slice(0, 20)] = tensor(10f); // text and specials far more probable than the timestamps together: nothing forced
        Rules.Apply(logits, new[] { (IReadOnlyList<long>)emitted });
        var values = logits[0].data<float>().ToArray();
        return Enumerable.Range(0, 100).Where(i => !float.IsNegativeInfinity(values[i])).Select(i => (long)i).ToList();
    }

    static IEnumerable<long> Range(long from, long toInclusive) => Enumerable.Range((int)from, (int)(toInclusive - from + 1)).Select(i => (long)i);

    [Fact]
    public void The_first_token_is_an_early_timestamp()
    {
        Assert.Equal(Range(20, 25), Allowed());
    }

    [Fact]
    public void Inside_a_segment_text_or_a_later_timestamp_may_follow()
    {
        // <|0.10|> text: any text, end of text, or a timestamp after 0.10 (a segment has a length).
        Assert.Equal(Range(0, 14).Concat(Range(16, 19)).Concat(Range(26, 99)), Allowed(25, 3));
    }

    [Fact]
    public void After_a_segments_end_comes_its_pair_or_the_end()
    {
        // <|0.10|> text <|0.60|>: no text; end of text; a timestamp from 0.60 on (the next start).
        Assert.Equal(Range(10, 14).Concat(Range(16, 19)).Concat(Range(50, 99)), Allowed(25, 3, 50));
    }

    [Fact]
    public void After_a_pair_comes_text()
    {
        // <|0.10|> text <|0.60|><|0.60|>: no timestamp.
        Assert.Equal(Range(0, 14).Concat(Range(16, 19)), Allowed(25, 3, 50, 50));
    }

    [Fact]
    public void Timestamps_are_forced_when_together_they_outweigh_every_text_token()
    {
        // 80 timestamps at logit 0: log(80) = 4.38 against a best text logit of 2 → forced; of 5 → not.
        foreach (var (best, forced) in new[] { (2f, true), (5f, false) })
        {
            var logits = zeros(1, 100);
            logits[0, 3] = tensor(best);
            Rules.Apply(logits, new[] { (IReadOnlyList<long>)new long[] { 25, 3 } });
            bool textMasked = float.IsNegativeInfinity(logits[0, 3].item<float>());
            Assert.Equal(forced, textMasked);
        }
    }

    [Fact]
    public void Segments_run_from_each_start_to_its_end_and_a_cut_off_one_to_the_audio_end()
    {
        var segments = TimestampSegments.Split(new long[] { 20, 5, 6, 100, 100, 7, 170 }, timestampBegin: 20, audioSeconds: 4.0);
        Assert.Equal(2, segments.Count);
        Assert.Equal((0.0, 1.6), (segments[0].Start, Math.Round(segments[0].End, 6)));
        Assert.Equal(new long[] { 5, 6 }, segments[0].Tokens);
        Assert.Equal((1.6, 3.0), (Math.Round(segments[1].Start, 6), Math.Round(segments[1].End, 6)));
        Assert.Equal(new long[] { 7 }, segments[1].Tokens);

        var open = Assert.Single(TimestampSegments.Split(new long[] { 30, 5, 6 }, 20, audioSeconds: 2.5));
        Assert.Equal((0.2, 2.5), (Math.Round(open.Start, 6), open.End));
    }

    [Fact]
    public void Greedy_decoding_with_timestamps_obeys_every_rule()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 31); // 64 tokens: text < 30, end 30, no-timestamps 35, timestamps ≥ 40
        using var guard = no_grad();
        var rules = new TimestampRules(TimestampBegin: 40, EndOfText: 30, NoTimestamps: 35, MaxInitialTimestamp: 0.2);
        var options = new GreedyOptions(new long[] { 61 }, EndToken: 30, MaxNewTokens: 20, Timestamps: rules);

        var rows = GreedyDecoder.Decode(model, model.Encode(randn(4, 16, 40)), options);

        foreach (var row in rows)
        {
            Assert.NotEmpty(row);
            Assert.InRange(row[0], 40, 50); // an early timestamp first
            Assert.DoesNotContain(35L, row);
            var stamps = row.Where(t => t >= 40).ToList();
            for (int i = 1; i < stamps.Count; i++) Assert.True(stamps[i] >= stamps[i - 1], string.Join(',', row));
            for (int i = 2; i < row.Length; i++)
                Assert.False(row[i] >= 40 && row[i - 1] >= 40 && row[i - 2] >= 40, $"three timestamps in a row: {string.Join(',', row)}");
        }
        Assert.Contains(rows, r => r.Count(t => t >= 40) > 1); // the rules had something to constrain
    }
}
