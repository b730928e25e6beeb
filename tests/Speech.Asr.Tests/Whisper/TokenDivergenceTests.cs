using Speech.Asr.Whisper.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

/// <summary>Where two decodings part, and whether the model's call there was a tie at its rounding.</summary>
public sealed class TokenDivergenceTests
{
    [Theory]
    // bf16 keeps 8 significant bits: 7.59375 twice is an exact tie (seen in a speculative run);
    // 8.0625 against 8.125 is one unit in the last place (1/16 in [8, 16)); 8 against 9 is a real preference.
    [InlineData(ScalarType.BFloat16, 7.59375f, 7.59375f, true)]
    [InlineData(ScalarType.BFloat16, 8.0625f, 8.125f, true)]
    [InlineData(ScalarType.BFloat16, 8f, 9f, false)]
    // fp32: 2^-16 of 8 is 1.22e-4.
    [InlineData(ScalarType.Float32, 8f, 8.0001f, true)]
    [InlineData(ScalarType.Float32, 8f, 8.001f, false)]
    public void A_tie_is_a_gap_within_two_units_in_the_last_place(ScalarType dtype, float expected, float got, bool tie) =>
        Assert.Equal(tie, new TokenDivergence(3, 10, 11, expected, got).IsTie(dtype));

    [Fact]
    public void The_first_differing_token_is_found_with_both_logits_from_one_teacher_forced_pass()
    {
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(WhisperModelTests.Tiny, 103);
        using var guard = no_grad();
        var states = model.Encode(randn(1, 16, 40));
        var options = new GreedyOptions(new long[] { 61, 62 }, EndToken: 60, MaxNewTokens: 10);
        Assert.Null(TokenDivergence.Find(model, states, options, new long[] { 5, 6, 7 }, new long[] { 5, 6, 7 }));

        var divergence = TokenDivergence.Find(model, states, options, new long[] { 5, 6, 7 }, new long[] { 5, 6, 9, 1 })!;
        Assert.Equal((2, 7L, 9L), (divergence.Position, divergence.Expected, divergence.Got));
        var logits = model.Decoder.Logits(model.Decoder.HiddenStates(tensor(new long[] { 61, 62, 5, 6 }).unsqueeze(0), states)[0].narrow(0, 3, 1))[0];
        Assert.Equal(logits[7].item<float>(), divergence.ExpectedLogit, 4);
        Assert.Equal(logits[9].item<float>(), divergence.GotLogit, 4);
        // One output ends early: the other side is the end token.
        Assert.Equal(60, TokenDivergence.Find(model, states, options, new long[] { 5, 6 }, new long[] { 5, 6, 9 })!.Expected);
    }
}
