using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Batched greedy decoding with the key/value cache: the prompt in one pass, then one
/// token per step for every unfinished row. Returns each row's emitted tokens without the prompt
/// and without the end token.</summary>
public static class GreedyDecoder
{
    /// <param name="search">How each step's token is picked from the output projection (build one
    /// per model and reuse it); null = the full projection.</param>
    public static List<long[]> Decode(WhisperModel model, Tensor encoderStates, GreedyOptions options, TopTokenSearch? search = null)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        long batch = encoderStates.shape[0];
        var device = encoderStates.device;
        using var state = model.NewDecoderState();
        var rows = Enumerable.Range(0, (int)batch).Select(_ => new List<long>()).ToList();
        var finished = new bool[batch];
        int limit = (int)Math.Min(options.MaxNewTokens, model.Decoder.MaxPositions - options.Prompt.Count);
        var (suppress, atBegin) = Masks(options, model.Config.VocabSize, device);
        using var ownSearch = search is null ? TopTokenSearch.Full(model) : null;
        var picker = search ?? ownSearch!;

        var input = tensor(options.Prompt.ToArray(), device: device).unsqueeze(0).expand(batch, -1); // [B, P]
        for (int step = 0; step < limit; step++)
        {
            using var stepScope = NewDisposeScope();
            var hidden = model.Decoder.HiddenStates(input, encoderStates, state).select(1, -1); // [B, D]
            long[] next = options.Timestamps is { } rules
                ? PickWithTimestamps(model, hidden, step == 0 ? atBegin : suppress, rules, rows)
                : picker.Pick(hidden, step == 0 ? atBegin : suppress);
            for (int b = 0; b < batch; b++)
            {
                if (finished[b]) { next[b] = options.EndToken; continue; }
                if (next[b] == options.EndToken) finished[b] = true;
                else rows[b].Add(next[b]);
            }
            if (finished.All(f => f)) break;
            input = tensor(next, device: device).unsqueeze(1).MoveToOuterDisposeScope(); // [B, 1]
        }
        return rows.Select(r => r.ToArray()).ToList();
    }

    /// <summary>Timestamp rules need every logit (they weigh all timestamps together): the full
    /// projection, masked, then the rules, then the argmax.</summary>
    static long[] PickWithTimestamps(WhisperModel model, Tensor hidden, Tensor? suppressed, TimestampRules rules, IReadOnlyList<List<long>> emitted)
    {
        using var scope = NewDisposeScope();
        var logits = model.Decoder.Logits(hidden).to(ScalarType.Float32); // [B, V]
        if (suppressed is not null) logits = logits.masked_fill(suppressed, Scalars.NegativeInfinity);
        rules.Apply(logits, emitted);
        return logits.argmax(-1).cpu().data<long>().ToArray();
    }

    /// <summary>The masks of every step and of the first one (the suppress list and the
    /// suppress-at-begin list together); null where nothing is masked.</summary>
    internal static (Tensor? Every, Tensor? First) Masks(GreedyOptions options, int vocabulary, Device device)
    {
        var every = SuppressionMask(vocabulary, options.SuppressTokens, device);
        var atBegin = SuppressionMask(vocabulary, options.SuppressAtBegin, device);
        return (every, every is null ? atBegin : atBegin is null ? every : every.logical_or(atBegin));
    }

    /// <summary>[V] bool, true where a token is suppressed; null when none is.</summary>
    static Tensor? SuppressionMask(int vocabulary, IReadOnlyList<long>? ids, Device device)
    {
        if (ids is null || ids.Count == 0) return null;
        var mask = zeros(vocabulary, ScalarType.Bool, device);
        mask.index_fill_(0, tensor(ids.ToArray(), device: device), Scalars.True);
        return mask;
    }
}
