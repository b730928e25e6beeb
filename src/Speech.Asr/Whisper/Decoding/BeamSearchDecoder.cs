using Speech.Core.Nn;
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
        var device = states.device;
        int limit = (int)Math.Min(options.MaxNewTokens, model.Decoder.MaxPositions - options.Prompt.Count);
        var suppress = GreedyDecoder.SuppressionMask(model.Config.VocabSize, options.SuppressTokens, device);
        var suppressAtBegin = GreedyDecoder.SuppressionMask(model.Config.VocabSize, options.SuppressAtBegin, device);
        using var state = model.NewDecoderState();
        var beams = new List<Hypothesis> { new(Array.Empty<long>(), 0) };
        var ended = new List<Hypothesis>();
        var input = tensor(options.Prompt.ToArray(), device: device).unsqueeze(0); // [1, P]
        var beamStates = states;

        for (int step = 0; step < limit && beams.Count > 0 && ended.Count < beamSize; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = model.Decoder.Forward(input, beamStates, state).select(1, -1); // [beams, V]
            if (suppress is not null) logits = logits.masked_fill(suppress, Scalars.NegativeInfinity);
            if (step == 0 && suppressAtBegin is not null) logits = logits.masked_fill(suppressAtBegin, Scalars.NegativeInfinity);
            var logProbabilities = nn.functional.log_softmax(logits.to(ScalarType.Float64), -1);
            int width = (int)Math.Min(beamSize + 1, logProbabilities.shape[^1]);
            var (top, indices) = logProbabilities.topk(width, dim: -1);
            double[] topValues = top.cpu().data<double>().ToArray();
            long[] topIds = indices.cpu().data<long>().ToArray();

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
            state.SelectRows(tensor(parents.ToArray(), device: device));
            if (beamStates.shape[0] != beams.Count) beamStates = states.expand(beams.Count, -1, -1).MoveToOuterDisposeScope();
            input = tensor(beams.Select(h => h.Tokens[^1]).ToArray(), device: device).unsqueeze(1).MoveToOuterDisposeScope(); // [beams, 1]
        }
        var pool = ended.Count > 0 ? ended.Select(h => (h, Score: h.Score(true))) : beams.Select(h => (h, Score: h.Score(false)));
        return pool.OrderByDescending(p => p.Score).First().h.Tokens;
    }
}
