using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>The decoder side of a beam search over one utterance, shared by Whisper's beam search and
/// the joint CTC/attention search: the key/value cache, the suppression masks, and each step's best
/// tokens per live hypothesis. The searches keep their own hypotheses and tell it which rows live on.</summary>
internal sealed class BeamStepper : IDisposable
{
    readonly WhisperModel model;
    readonly Tensor states; // [1, S, D]
    readonly WhisperDecoderState cache;
    readonly Tensor? suppress, suppressFirst; // every step's mask; the first step's (with the suppress-at-begin list)
    Tensor input, beamStates; // owned here, outside any dispose scope
    int step;

    public BeamStepper(WhisperModel model, Tensor states, GreedyOptions options)
    {
        this.model = model;
        this.states = states;
        var device = states.device;
        Limit = (int)Math.Min(options.MaxNewTokens, model.Decoder.MaxPositions - options.Prompt.Count);
        cache = model.NewDecoderState();
        using (NewDisposeScope())
        {
            var (every, first) = GreedyDecoder.Masks(options, model.Config.VocabSize, device); // first may be every itself
            suppress = every?.DetachFromDisposeScope();
            suppressFirst = ReferenceEquals(first, every) ? suppress : first?.DetachFromDisposeScope();
            input = tensor(options.Prompt.ToArray(), device: device).unsqueeze(0).DetachFromDisposeScope(); // [1, P]
            beamStates = states.expand(1, -1, -1).DetachFromDisposeScope();
        }
    }

    /// <summary>How many tokens a hypothesis may have (the options' limit and the decoder's positions).</summary>
    public int Limit { get; }

    /// <summary>Runs the decoder on the live hypotheses' last tokens: the <paramref name="width"/> best
    /// log-probabilities (float64, suppressed tokens excluded) of each, row-major <c>[beams × width]</c>.</summary>
    public (double[] Values, long[] Ids, int Width) Next(int width)
    {
        using var scope = NewDisposeScope();
        var logits = model.Decoder.Forward(input, beamStates, cache).select(1, -1); // [beams, V]
        var mask = step++ == 0 ? suppressFirst : suppress;
        if (mask is not null) logits = logits.masked_fill(mask, Scalars.NegativeInfinity);
        var logProbabilities = nn.functional.log_softmax(logits.to(ScalarType.Float64), -1);
        width = (int)Math.Min(width, logProbabilities.shape[^1]);
        var (top, indices) = logProbabilities.topk(width, dim: -1);
        return (top.cpu().data<double>().ToArray(), indices.cpu().data<long>().ToArray(), width);
    }

    /// <summary>The hypotheses that live on: row <paramref name="parents"/>[i] of the last step,
    /// extended by <paramref name="tokens"/>[i].</summary>
    public void Keep(IReadOnlyList<long> parents, IReadOnlyList<long> tokens)
    {
        using var scope = NewDisposeScope();
        var device = states.device;
        cache.SelectRows(tensor(parents.ToArray(), device: device));
        if (beamStates.shape[0] != parents.Count)
        {
            beamStates.Dispose();
            beamStates = states.expand(parents.Count, -1, -1).DetachFromDisposeScope();
        }
        input.Dispose();
        input = tensor(tokens.ToArray(), device: device).unsqueeze(1).DetachFromDisposeScope(); // [beams, 1]
    }

    public void Dispose()
    {
        cache.Dispose();
        input.Dispose();
        beamStates.Dispose();
        if (!ReferenceEquals(suppressFirst, suppress)) suppressFirst?.Dispose();
        suppress?.Dispose();
    }
}
