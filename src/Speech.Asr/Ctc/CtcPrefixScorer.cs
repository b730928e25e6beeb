namespace Speech.Asr.Ctc;

/// <summary>CTC prefix scores for label-synchronous decoders (Watanabe et al. 2017, "Hybrid
/// CTC/attention architecture for end-to-end speech recognition", algorithm 2): the probability
/// that a CTC model's output, over all its alignments, begins with a given prefix. A decoder that
/// extends hypotheses one label at a time carries a <see cref="State"/> per hypothesis and pays
/// O(T) per extension. Blank = 0.</summary>
public sealed class CtcPrefixScorer
{
    readonly IReadOnlyList<float[]> frames; // [T][U] log-probabilities
    readonly State empty;

    /// <summary>Per-prefix forward variables over the frames: log P(the first t+1 frames give
    /// exactly the prefix, the last frame a label / a blank), the prefix score itself, and the
    /// last label (a repeat needs a blank between).</summary>
    public sealed record State(double[] NonBlank, double[] Blank, double PrefixScore, int LastLabel, int Length);

    public CtcPrefixScorer(IReadOnlyList<float[]> logProbabilities)
    {
        if (logProbabilities.Count == 0) throw new ArgumentException("no frames to score", nameof(logProbabilities));
        frames = logProbabilities;
        int count = frames.Count;
        var nonBlank = new double[count];
        var blank = new double[count];
        double sum = 0;
        for (int t = 0; t < count; t++)
        {
            nonBlank[t] = double.NegativeInfinity;
            sum += frames[t][CtcDecoding.Blank];
            blank[t] = sum;
        }
        empty = new State(nonBlank, blank, 0, -1, 0);
    }

    /// <summary>The empty prefix (probability 1).</summary>
    public State Empty => empty;

    /// <summary>The state of <c>prefix + label</c>; its <see cref="State.PrefixScore"/> is
    /// log P(the output begins with it).</summary>
    public State Extend(State prefix, int label)
    {
        if (label == CtcDecoding.Blank) throw new ArgumentOutOfRangeException(nameof(label), "the blank is no label");
        int count = frames.Count;
        var nonBlank = new double[count];
        var blank = new double[count];
        nonBlank[0] = prefix.Length == 0 ? frames[0][label] : double.NegativeInfinity;
        blank[0] = double.NegativeInfinity;
        double score = nonBlank[0];
        for (int t = 1; t < count; t++)
        {
            // The prefix's mass at t-1 from which the label may start at t: after a blank only
            // when the label repeats the prefix's last one.
            double from = label == prefix.LastLabel ? prefix.Blank[t - 1] : CtcDecoding.LogAdd(prefix.Blank[t - 1], prefix.NonBlank[t - 1]);
            double emit = frames[t][label];
            nonBlank[t] = CtcDecoding.LogAdd(nonBlank[t - 1], from) + emit;
            blank[t] = CtcDecoding.LogAdd(blank[t - 1], nonBlank[t - 1]) + frames[t][CtcDecoding.Blank];
            score = CtcDecoding.LogAdd(score, from + emit);
        }
        return new State(nonBlank, blank, score, label, prefix.Length + 1);
    }

    /// <summary>log P(the output is exactly the prefix): all frames consumed.</summary>
    public static double FinalScore(State state) => CtcDecoding.LogAdd(state.NonBlank[^1], state.Blank[^1]);
}
