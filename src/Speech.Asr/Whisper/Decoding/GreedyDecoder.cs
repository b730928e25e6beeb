using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Batched greedy decoding with the key/value cache: the prompt in one pass, then one
/// token per step for every unfinished row. Returns each row's emitted tokens without the prompt
/// and without the end token.</summary>
public static class GreedyDecoder
{
    public static List<long[]> Decode(WhisperModel model, Tensor encoderStates, GreedyOptions options)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        long batch = encoderStates.shape[0];
        var device = encoderStates.device;
        using var state = model.NewDecoderState();
        var rows = Enumerable.Range(0, (int)batch).Select(_ => new List<long>()).ToList();
        var finished = new bool[batch];
        int limit = (int)Math.Min(options.MaxNewTokens, model.Decoder.MaxPositions - options.Prompt.Count);
        var suppress = SuppressionMask(model.Config.VocabSize, options.SuppressTokens, device);
        var suppressAtBegin = SuppressionMask(model.Config.VocabSize, options.SuppressAtBegin, device);

        var input = tensor(options.Prompt.ToArray(), device: device).unsqueeze(0).expand(batch, -1); // [B, P]
        for (int step = 0; step < limit; step++)
        {
            using var stepScope = NewDisposeScope();
            var logits = model.Decoder.Forward(input, encoderStates, state).select(1, -1); // [B, V]
            if (suppress is not null) logits = logits.masked_fill(suppress, float.NegativeInfinity);
            if (step == 0 && suppressAtBegin is not null) logits = logits.masked_fill(suppressAtBegin, float.NegativeInfinity);
            long[] next = logits.argmax(-1).cpu().data<long>().ToArray();
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

    /// <summary>[V] bool, true where a token is suppressed; null when none is.</summary>
    internal static Tensor? SuppressionMask(int vocabulary, IReadOnlyList<long>? ids, Device device)
    {
        if (ids is null || ids.Count == 0) return null;
        var mask = zeros(vocabulary, ScalarType.Bool, device);
        mask.index_fill_(0, tensor(ids.ToArray(), device: device), true);
        return mask;
    }
}
