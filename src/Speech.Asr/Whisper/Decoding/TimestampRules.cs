using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Whisper's timestamp constraints on each step's logits (whisper/decoding.py,
/// ApplyTimestampRules), for decoding with timestamps: the first token is a timestamp no later than
/// <see cref="MaxInitialTimestamp"/>; timestamps come in pairs (a segment's end, then the next one's
/// start) except right before the end token; they never decrease and a segment never has zero
/// length; <c>&lt;|notimestamps|&gt;</c> is never emitted; and when the timestamps together are more
/// probable than the best text token, a timestamp is forced.</summary>
/// <param name="TimestampBegin">Id of <c>&lt;|0.00|&gt;</c>; every id from it on is a timestamp (0.02 s steps).</param>
/// <param name="EndOfText">Id of <c>&lt;|endoftext|&gt;</c>: the ids below it are text.</param>
/// <param name="NoTimestamps">Id of <c>&lt;|notimestamps|&gt;</c>.</param>
/// <param name="MaxInitialTimestamp">Latest first timestamp in seconds (Whisper's default 1.0).</param>
public sealed record TimestampRules(long TimestampBegin, long EndOfText, long NoTimestamps, double MaxInitialTimestamp = 1.0)
{
    public static TimestampRules For(WhisperSpecialTokens special) => new(special.TimestampBegin, special.EndOfText, special.NoTimestamps);

    /// <summary>Masks <paramref name="logits"/> <c>[B, V]</c> (float32, in place) given each row's
    /// tokens emitted so far (no prompt).</summary>
    public void Apply(Tensor logits, IReadOnlyList<IReadOnlyList<long>> emitted)
    {
        using var scope = NewDisposeScope();
        long vocabulary = logits.shape[1];
        long timestamps = vocabulary - TimestampBegin;
        using var guard = no_grad();
        logits[TensorIndex.Colon, NoTimestamps] = float.NegativeInfinity;
        for (int row = 0; row < emitted.Count; row++)
        {
            var seq = emitted[row];
            var line = logits[row];
            if (seq.Count == 0)
            {
                // A timestamp first, no later than the initial limit.
                line.narrow(0, 0, TimestampBegin).fill_(Scalars.NegativeInfinity);
                long lastAllowed = TimestampBegin + (long)Math.Round(MaxInitialTimestamp / 0.02);
                if (lastAllowed + 1 < vocabulary) line.narrow(0, lastAllowed + 1, vocabulary - lastAllowed - 1).fill_(Scalars.NegativeInfinity);
            }
            else
            {
                bool lastWasTimestamp = seq[^1] >= TimestampBegin;
                bool penultimateWasTimestamp = seq.Count < 2 || seq[^2] >= TimestampBegin;
                if (lastWasTimestamp)
                {
                    if (penultimateWasTimestamp) line.narrow(0, TimestampBegin, timestamps).fill_(Scalars.NegativeInfinity); // text must follow a pair
                    else line.narrow(0, 0, EndOfText).fill_(Scalars.NegativeInfinity); // a segment's end: its pair or the end token
                }
                long lastTimestamp = -1;
                foreach (long token in seq) if (token >= TimestampBegin) lastTimestamp = token;
                if (lastTimestamp >= 0)
                {
                    // Never decreasing; a new segment starts strictly after the last one's start.
                    long firstAllowed = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
                    line.narrow(0, TimestampBegin, Math.Min(firstAllowed, vocabulary) - TimestampBegin).fill_(Scalars.NegativeInfinity);
                }
            }
            // Timestamps together more probable than any text token: a timestamp it is.
            var logProbabilities = nn.functional.log_softmax(line, 0);
            double timestampMass = logProbabilities.narrow(0, TimestampBegin, timestamps).logsumexp(0).item<float>();
            double bestText = logProbabilities.narrow(0, 0, TimestampBegin).max().item<float>();
            if (timestampMass > bestText) line.narrow(0, 0, TimestampBegin).fill_(Scalars.NegativeInfinity);
        }
    }
}
