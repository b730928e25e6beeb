using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Where two decodings of one utterance part and how close the model's call was there: the
/// first differing token, and the logits of both tokens at that position from one teacher-forced pass
/// over the common prefix. A gap within the dtype's rounding says the two paths met a tie (in bf16,
/// with 8 significant bits, two logits are often equal, and a pass over one token and a pass over
/// several round the decoder's states differently); a larger one says a path picked a token the model
/// does not prefer (a bug).</summary>
public sealed record TokenDivergence(int Position, long Expected, long Got, float ExpectedLogit, float GotLogit)
{
    /// <summary>The gap between the two tokens' logits in the teacher-forced pass.</summary>
    public float Gap => Math.Abs(ExpectedLogit - GotLogit);

    /// <summary>True when the gap is within two units in the last place of <paramref name="dtype"/>
    /// (bf16: 2⁻⁶ of the logit; fp32: 2⁻¹⁶, which also covers the decoder's rounding before the projection).</summary>
    public bool IsTie(ScalarType dtype)
    {
        double scale = Math.Max(Math.Abs(ExpectedLogit), Math.Abs(GotLogit));
        double relative = dtype == ScalarType.BFloat16 ? 1.0 / 64 : dtype == ScalarType.Float16 ? 1.0 / 512 : 1.0 / 65536;
        return Gap <= scale * relative;
    }

    public override string ToString() =>
        $"token {Position}: expected {Expected} (logit {ExpectedLogit:G9}), got {Got} (logit {GotLogit:G9}) in one teacher-forced pass, gap {Gap:G3}";

    /// <summary>Null when the two outputs are equal.</summary>
    public static TokenDivergence? Find(WhisperModel model, Tensor encoderStates, GreedyOptions options, IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        int at = 0;
        while (at < expected.Count && at < actual.Count && expected[at] == actual[at]) at++;
        if (at == expected.Count && at == actual.Count) return null;
        long want = at < expected.Count ? expected[at] : options.EndToken, got = at < actual.Count ? actual[at] : options.EndToken;
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var input = tensor(options.Prompt.Concat(expected.Take(at)).ToArray(), device: encoderStates.device).unsqueeze(0);
        var hidden = model.Decoder.HiddenStates(input, encoderStates)[0].select(0, -1);
        var logits = model.Decoder.Logits(hidden.unsqueeze(0))[0].to(ScalarType.Float32);
        return new TokenDivergence(at, want, got, logits[want].item<float>(), logits[got].item<float>());
    }
}
