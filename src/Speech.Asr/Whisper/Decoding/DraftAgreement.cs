using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>How often a drafter would propose the teacher's own tokens: the student is teacher-forced
/// on the teacher's greedy output (end token included) and each of the teacher's tokens is ranked
/// among the student's logits, with the suppression masks drafting uses. Every token it does not rank
/// first costs speculative decoding a teacher pass; this is what bounds the speed-up.</summary>
public static class DraftAgreement
{
    /// <summary>Tokens compared, and how many the student ranks first / among its top two.</summary>
    public sealed record Counts(int Tokens, int First, int TopTwo)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Tokens + b.Tokens, a.First + b.First, a.TopTwo + b.TopTwo);
    }

    /// <param name="encoderStates">The teacher's encoder output for one utterance <c>[1, S, D]</c>.</param>
    /// <param name="teacherTokens">The teacher's greedy output (no prompt, no end token).</param>
    public static Counts Measure(WhisperModel student, Tensor encoderStates, GreedyOptions options, IReadOnlyList<long> teacherTokens)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var device = encoderStates.device;
        var targets = teacherTokens.Append(options.EndToken).ToArray();
        var input = tensor(options.Prompt.Concat(teacherTokens).ToArray(), device: device).unsqueeze(0);
        var hidden = student.Decoder.HiddenStates(input, encoderStates.to(student.Decoder.OutputWeight.dtype))[0]
            .narrow(0, options.Prompt.Count - 1, targets.Length); // the rows predicting each target: only they are projected
        var logits = student.Decoder.Logits(hidden).to(ScalarType.Float32);
        var (every, first) = GreedyDecoder.Masks(options, student.Config.VocabSize, device);
        if (every is not null) logits = logits.masked_fill(every, Scalars.NegativeInfinity);
        if (first is not null) logits[0].masked_fill_(first, Scalars.NegativeInfinity);
        var target = tensor(targets, device: device).unsqueeze(1);
        long[] above = logits.gt(logits.gather(1, target)).sum(1).cpu().data<long>().ToArray(); // tokens ranked above each target
        return new Counts(targets.Length, above.Count(n => n == 0), above.Count(n => n <= 1));
    }
}
