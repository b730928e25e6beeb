using Speech.Asr.Ctc;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Joint CTC/attention beam search (ESPnet's hybrid decoding; Watanabe et al. 2017): each
/// hypothesis is scored <c>(1 − w)·log P_attention + w·log P_CTC(text is a prefix)</c>, the CTC
/// term from the encoder's CTC head over the hypothesis' characters. The attention decoder alone
/// can follow its language model away from the audio (plausible words that were not said, repeats
/// at the end); the CTC prefix probability, which sums over alignments to the frames, drops such
/// hypotheses. Each step scores the attention decoder's best <c>preBeam</c> tokens per hypothesis
/// with CTC and keeps the <c>beamSize</c> best, an ending counting only where it outranks the last
/// one kept (as in Whisper's beam search); it stops when <c>beamSize</c> hypotheses have ended or
/// none alive can beat the best ended one (both terms only fall as a hypothesis grows). Ended
/// hypotheses are ranked by their score with the full CTC probability, not normalised by length:
/// CTC pins the length.</summary>
public static class JointCtcBeamSearch
{
    public sealed record Hypothesis(long[] Tokens, double Attention, CtcPrefixScorer.State Ctc, IReadOnlyList<int> Units)
    {
        public double Score(double ctcWeight) => Joint(Attention, Ctc.PrefixScore, ctcWeight);
    }

    static double Joint(double attention, double ctc, double ctcWeight) => (1 - ctcWeight) * attention + ctcWeight * ctc;

    /// <summary>One result: the tokens and the two log-probabilities the joint score weighs.</summary>
    public sealed record Result(long[] Tokens, double Attention, double Ctc, double Score);

    /// <param name="units">The CTC units of a token sequence's text (<see cref="WhisperCtcHead.UnitsOf"/> of its decoded text).</param>
    public static List<Result> Decode(WhisperModel model, WhisperCtcHead head, Tensor encoderStates, GreedyOptions options,
        Func<IReadOnlyList<long>, IReadOnlyList<int>> units, double ctcWeight = 0.3, int beamSize = 5, int preBeam = 0)
    {
        if (beamSize < 1) throw new ArgumentOutOfRangeException(nameof(beamSize));
        if (ctcWeight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(ctcWeight), "a weight in [0, 1]");
        if (options.Timestamps is not null) throw new ArgumentException("joint CTC/attention decoding is text only (no timestamps)");
        if (preBeam <= 0) preBeam = Math.Max(10, 2 * beamSize);
        var results = new List<Result>();
        using var guard = no_grad();
        using var ctc = head.LogProbabilities(encoderStates); // [B, S, U]
        for (long b = 0; b < encoderStates.shape[0]; b++)
        {
            using var scope = NewDisposeScope();
            var frames = Frames(ctc.select(0, b));
            results.Add(DecodeRow(model, new CtcPrefixScorer(frames), encoderStates.narrow(0, b, 1), options, units, ctcWeight, beamSize, preBeam));
        }
        return results;
    }

    static float[][] Frames(Tensor logProbabilities)
    {
        var flat = logProbabilities.contiguous().cpu().data<float>().ToArray();
        int count = (int)logProbabilities.shape[0], width = (int)logProbabilities.shape[1];
        return Enumerable.Range(0, count).Select(t => flat.AsSpan(t * width, width).ToArray()).ToArray();
    }

    static Result DecodeRow(WhisperModel model, CtcPrefixScorer scorer, Tensor states, GreedyOptions options,
        Func<IReadOnlyList<long>, IReadOnlyList<int>> units, double weight, int beamSize, int preBeam)
    {
        using var stepper = new BeamStepper(model, states, options);
        var beams = new List<Hypothesis> { new(Array.Empty<long>(), 0, scorer.Empty, Array.Empty<int>()) };
        var ended = new List<Result>();
        for (int step = 0; step < stepper.Limit && beams.Count > 0 && ended.Count < beamSize; step++)
        {
            var (topValues, topIds, width) = stepper.Next(preBeam);
            // Candidates: a live hypothesis (Ended null) or an ended one; ranked together below.
            var candidates = new List<(int Parent, Hypothesis? Live, Result? Ended, double Score)>();
            for (int parent = 0; parent < beams.Count; parent++)
                for (int k = 0; k < width; k++)
                {
                    double value = topValues[parent * width + k];
                    if (double.IsNegativeInfinity(value)) continue;
                    var from = beams[parent];
                    long token = topIds[parent * width + k];
                    double attention = from.Attention + value;
                    if (token == options.EndToken)
                    {
                        double ctcFinal = CtcPrefixScorer.FinalScore(from.Ctc);
                        double score = Joint(attention, ctcFinal, weight);
                        candidates.Add((parent, null, new Result(from.Tokens, attention, ctcFinal, score), score));
                        continue;
                    }
                    var tokens = from.Tokens.Append(token).ToArray();
                    var tokenUnits = units(tokens);
                    var next = new Hypothesis(tokens, attention, Extend(scorer, from, tokenUnits), tokenUnits);
                    candidates.Add((parent, next, null, next.Score(weight)));
                }
            // As Whisper's beam search: an ending counts only where it ranks above the last hypothesis
            // kept alive, so weak early endings (a dropped last word) cannot fill the ended set.
            var kept = new List<(int Parent, Hypothesis Hypothesis, double Score)>();
            foreach (var candidate in candidates.OrderByDescending(c => c.Score))
            {
                if (candidate.Ended is { } end) ended.Add(end);
                else kept.Add((candidate.Parent, candidate.Live!, candidate.Score));
                if (kept.Count == beamSize) break;
            }
            ended = ended.OrderByDescending(r => r.Score).Take(beamSize).ToList();
            // Both terms only fall as a hypothesis grows: nothing live can overtake the best ended one.
            if (kept.Count == 0 || (ended.Count > 0 && ended[0].Score >= kept[0].Score)) break;
            beams = kept.Select(c => c.Hypothesis).ToList();
            stepper.Keep(kept.Select(c => (long)c.Parent).ToList(), beams.Select(h => h.Tokens[^1]).ToList());
        }
        if (ended.Count > 0) return ended[0]; // kept in rank order
        var best = beams.OrderByDescending(h => h.Score(weight)).First();
        return new Result(best.Tokens, best.Attention, best.Ctc.PrefixScore, best.Score(weight));
    }

    /// <summary>The CTC state of a hypothesis' units, extended from its parent's when they begin with
    /// the parent's (a token adds characters), else rebuilt (a byte-level token completing a character).</summary>
    static CtcPrefixScorer.State Extend(CtcPrefixScorer scorer, Hypothesis parent, IReadOnlyList<int> target)
    {
        var state = parent.Ctc;
        int start = parent.Units.Count;
        if (target.Count < start || !parent.Units.SequenceEqual(target.Take(start)))
        {
            state = scorer.Empty;
            start = 0;
        }
        for (int i = start; i < target.Count; i++) state = scorer.Extend(state, target[i]);
        return state;
    }
}
