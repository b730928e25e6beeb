using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Where two decodings of one utterance part and how close the model's call was there: the
/// first differing token, and the logits of both tokens at that position from one teacher-forced pass
/// over the common prefix. A gap at rounding level says the two paths met a near-tie; a large one says
/// a path picked a token the model does not prefer (a bug).</summary>
public static class TokenDivergence
{
    /// <summary>Null when the two outputs are equal.</summary>
    public static string? Describe(WhisperModel model, Tensor encoderStates, GreedyOptions options, IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        int at = 0;
        while (at < expected.Count && at < actual.Count && expected[at] == actual[at]) at++;
        if (at == expected.Count && at == actual.Count) return null;
        long want = at < expected.Count ? expected[at] : options.EndToken, got = at < actual.Count ? actual[at] : options.EndToken;
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var device = encoderStates.device;
        var input = tensor(options.Prompt.Concat(expected.Take(at)).ToArray(), device: device).unsqueeze(0);
        var hidden = model.Decoder.HiddenStates(input, encoderStates)[0].select(0, -1);
        var logits = model.Decoder.Logits(hidden.unsqueeze(0))[0].to(ScalarType.Float32);
        var (every, first) = GreedyDecoder.Masks(options, model.Config.VocabSize, device);
        var mask = at == 0 ? first : every;
        if (mask is not null) logits = logits.masked_fill(mask, Scalars.NegativeInfinity);
        var top = logits.topk(2);
        float[] values = top.values.cpu().data<float>().ToArray();
        long[] ids = top.indexes.cpu().data<long>().ToArray();
        float wantLogit = logits[want].item<float>(), gotLogit = logits[got].item<float>();
        return $"token {at}: expected {want} (logit {wantLogit:G9}), got {got} (logit {gotLogit:G9}); " +
               $"one teacher-forced pass ranks {ids[0]} ({values[0]:G9}) over {ids[1]} ({values[1]:G9}), gap {values[0] - values[1]:G3}";
    }
}
