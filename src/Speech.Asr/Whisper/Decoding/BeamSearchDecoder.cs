using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Beam search with the key/value cache (Whisper's BeamSearchDecoder without fallback):
/// each step extends every live beam by its best tokens, keeps the <c>beamSize</c> best live
/// sequences by summed log-probability, and sets aside sequences that end; decoding stops when
/// <c>beamSize</c> sequences have ended or at the length limit. The result is the ended (or, if
/// none ended, live) sequence with the best log-probability divided by its length, as Whisper's
/// default ranker chooses.</summary>
public static class BeamSearchDecoder
{
    public sealed record Hypothesis(long[] Tokens, double LogProbability)
    {
        /// <summary>Whisper's ranking score with no length penalty: log-probability per token
        /// (the end token counts when present).</summary>
        public double Score(bool ended) => LogProbability / Math.Max(1, Tokens.Length + (ended ? 1 : 0));
    }

    public static List<long[]> Decode(WhisperModel model, Tensor encoderStates, GreedyOptions options, int beamSize = 5)
    {
        if (beamSize < 1) throw new ArgumentOutOfRangeException(nameof(beamSize));
        var results = new List<long[]>();
        using var guard = no_grad();
        for (long b = 0; b < encoderStates.shape[0]; b++)
        {
            using var scope = NewDisposeScope();
            results.Add(DecodeRow(model, encoderStates.narrow(0, b, 1), options, beamSize));
        }
        return results;
    }

    static long[] DecodeRow(WhisperModel model, Tensor states, GreedyOptions options, int beamSize)
    {
        using var stepper = new BeamStepper(model, states, options);
        var beams = new List<Hypothesis> { new(Array.Empty<long>(), 0) };
        var ended = new List<Hypothesis>();
        for (int step = 0; step < stepper.Limit && beams.Count > 0 && ended.Count < beamSize; step++)
        {
            var (topValues, topIds, width) = stepper.Next(beamSize + 1);
            var candidates = new List<(int Parent, long Token, double LogProbability)>();
            for (int parent = 0; parent < beams.Count; parent++)
                for (int k = 0; k < width; k++)
                {
                    double value = topValues[parent * width + k];
                    if (double.IsNegativeInfinity(value)) continue;
                    candidates.Add((parent, topIds[parent * width + k], beams[parent].LogProbability + value));
                }
            var next = new List<Hypothesis>();
            var parents = new List<long>();
            foreach (var candidate in candidates.OrderByDescending(c => c.LogProbability))
            {
                var tokens = beams[candidate.Parent].Tokens;
                if (candidate.Token == options.EndToken) { if (ended.Count < beamSize) ended.Add(new Hypothesis(tokens, candidate.LogProbability)); continue; }
                if (next.Count == beamSize) continue;
                next.Add(new Hypothesis(tokens.Append(candidate.Token).ToArray(), candidate.LogProbability));
                parents.Add(candidate.Parent);
            }
            beams = next;
            if (beams.Count == 0) break;
            stepper.Keep(parents, beams.Select(h => h.Tokens[^1]).ToList());
        }
        var pool = ended.Count > 0 ? ended.Select(h => (h, Score: h.Score(true))) : beams.Select(h => (h, Score: h.Score(false)));
        return pool.OrderByDescending(p => p.Score).First().h.Tokens;
    }
}
