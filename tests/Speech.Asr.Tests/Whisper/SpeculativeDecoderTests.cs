using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper;

public sealed class SpeculativeDecoderTests
{
    static readonly WhisperConfig Config = WhisperModelTests.Tiny with { MaxTargetPositions = 40 };

    static GreedyOptions Options(long end, int maxNew = 30) =>
        new(new long[] { 61, 62 }, end, maxNew, SuppressTokens: new long[] { 5 }, SuppressAtBegin: new long[] { 7 });

    /// <summary>A teacher, a one-layer student unrelated to it, and the teacher's encoder states of <paramref name="rows"/> random inputs.</summary>
    static Pair UnrelatedPair(int rows)
    {
        var teacher = WhisperModelTests.Varied(Config, 31);
        var student = WhisperModelTests.Varied(Config with { DecoderLayers = 1 }, 131);
        return new Pair(teacher, student, teacher.Encode(randn(rows, 16, 40)));
    }

    /// <summary>Owns both models (the states belong to the caller's dispose scope).</summary>
    sealed record Pair(WhisperModel Teacher, WhisperModel Student, Tensor States) : IDisposable
    {
        public void Dispose()
        {
            Teacher.Dispose();
            Student.Dispose();
        }
    }

    /// <param name="hotSets">Hot sets of 16 of 64 tokens on random models: the teacher's bound often
    /// fails (full projection), and the student's unbounded guesses are often not what the teacher picks.</param>
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(6, false)]
    [InlineData(3, true)]
    public void Output_equals_teacher_greedy_with_an_unrelated_student(int draftLength, bool hotSets)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        using var pair = UnrelatedPair(rows: 3);
        var (teacher, student, states) = pair;
        long end = GreedyDecoder.Decode(teacher, states, Options(-1)).First()[4]; // row 0 stops early
        using var teacherSearch = hotSets ? new TopTokenSearch(teacher, hotTokens: 16) : null;
        using var studentSearch = hotSets ? new TopTokenSearch(student, hotTokens: 16) : null;

        var greedy = GreedyDecoder.Decode(teacher, states, Options(end));
        var speculative = SpeculativeDecoder.Decode(teacher, student, states, Options(end), new DraftPolicy(draftLength), teacherSearch, studentSearch);
        for (int b = 0; b < 3; b++) Assert.Equal(greedy[b], speculative[b].Tokens);
        if (studentSearch is null) return;
        Assert.True(studentSearch.Guesses > 0);
        Assert.Equal(0, studentSearch.Picks); // drafts are never certified
    }

    [Fact]
    public void An_adaptive_draft_gives_teacher_greedy_and_grows_while_drafts_are_accepted()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        using var pair = UnrelatedPair(rows: 3);
        var (teacher, student, states) = pair;
        var greedy = GreedyDecoder.Decode(teacher, states, Options(-1, maxNew: 25));
        var unrelated = SpeculativeDecoder.Decode(teacher, student, states, Options(-1, maxNew: 25), new DraftPolicy(2, Adaptive: true));
        for (int b = 0; b < 3; b++) Assert.Equal(greedy[b], unrelated[b].Tokens);

        // A perfect drafter: drafts of 1, 3, 5, 7, 9 give 2 + 4 + 6 + 8 + 10 ≥ 25 tokens in 5 passes (13 with a fixed draft of 1).
        var perfect = SpeculativeDecoder.Decode(teacher, teacher, states.narrow(0, 0, 1), Options(-1, maxNew: 25), new DraftPolicy(1, Adaptive: true))[0];
        Assert.Equal(greedy[0], perfect.Tokens);
        Assert.Equal(5, perfect.TeacherPasses);
        Assert.Equal(13, SpeculativeDecoder.Decode(teacher, teacher, states.narrow(0, 0, 1), Options(-1, maxNew: 25), new DraftPolicy(1))[0].TeacherPasses);
    }

    [Fact]
    public void A_draft_stops_after_a_token_the_student_is_unsure_of()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        using var pair = UnrelatedPair(rows: 2);
        var (teacher, student, states) = pair;
        var greedy = GreedyDecoder.Decode(teacher, states, Options(-1, maxNew: 20));
        var sure = SpeculativeDecoder.Decode(teacher, student, states, Options(-1, maxNew: 20), new DraftPolicy(4));
        // A random student spreads its probability over 64 tokens: no guess reaches 0.999, so every
        // draft is one token long.
        var unsure = SpeculativeDecoder.Decode(teacher, student, states, Options(-1, maxNew: 20), new DraftPolicy(4, MinConfidence: 0.999));
        for (int b = 0; b < 2; b++)
        {
            Assert.Equal(greedy[b], unsure[b].Tokens);
            Assert.Equal(unsure[b].TeacherPasses, unsure[b].DraftTokens);
            Assert.True(sure[b].DraftTokens > sure[b].TeacherPasses);
        }
        Assert.Throws<ArgumentException>(() => SpeculativeDecoder.Decode(teacher, student, states, Options(-1), new DraftPolicy(4, MinConfidence: 1)));
    }

    [Fact]
    public void Agreement_counts_the_teacher_tokens_the_student_ranks_first_as_uncached_steps_do()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        using var pair = UnrelatedPair(rows: 1);
        var (teacher, student, states) = pair;
        var options = Options(GreedyDecoder.Decode(teacher, states, Options(-1))[0][6], maxNew: 12); // a token the teacher writes: a real end, early
        var greedy = GreedyDecoder.Decode(teacher, states, options)[0];

        // Independently: one uncached student call per prefix, its masked argmax and runner-up.
        var targets = greedy.Append(options.EndToken).ToArray();
        int first = 0, topTwo = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            var prefix = tensor(options.Prompt.Concat(greedy.Take(i)).ToArray()).unsqueeze(0);
            var logits = student.Decoder.Forward(prefix, states)[0, -1];
            foreach (long banned in options.SuppressTokens!.Concat(i == 0 ? options.SuppressAtBegin! : Array.Empty<long>()))
                logits[banned] = float.NegativeInfinity;
            var top = logits.topk(2).indexes.data<long>().ToArray();
            if (top[0] == targets[i]) first++;
            if (top.Contains(targets[i])) topTwo++;
        }
        Assert.Equal(new DraftAgreement.Counts(targets.Length, first, topTwo), DraftAgreement.Measure(student, states, options, greedy));
        Assert.True(first < targets.Length); // an unrelated student disagrees somewhere
        var self = DraftAgreement.Measure(teacher, states, options, greedy);
        Assert.Equal(new DraftAgreement.Counts(targets.Length, targets.Length, targets.Length), self);
    }

    [Fact]
    public void A_student_equal_to_its_teacher_has_every_draft_accepted()
    {
        using var scope = NewDisposeScope();
        using var teacher = WhisperModelTests.Varied(Config, 32);
        using var guard = no_grad();
        var states = teacher.Encode(randn(1, 16, 40));
        var greedy = GreedyDecoder.Decode(teacher, states, Options(-1, maxNew: 25));
        var result = SpeculativeDecoder.Decode(teacher, teacher, states, Options(-1, maxNew: 25), new DraftPolicy(4))[0];

        Assert.Equal(greedy[0], result.Tokens);
        Assert.Equal(25, result.Tokens.Length);
        Assert.Equal(result.DraftTokens, result.AcceptedDraftTokens);
        // The student drafts from the prompt on: 5 tokens per teacher pass (4 drafted + the teacher's own), 25 in 5 passes.
        Assert.Equal(5, result.TeacherPasses);
    }

    [Fact]
    public void A_bf16_copy_of_the_teacher_drafts_for_the_fp32_teacher_with_the_fp32_output()
    {
        using var scope = NewDisposeScope();
        using var teacher = WhisperModelTests.Varied(Config, 34);
        using var student = WhisperModelTests.Varied(Config, 34);
        student.to(ScalarType.BFloat16);
        using var guard = no_grad();
        var states = teacher.Encode(randn(2, 16, 40));
        var greedy = GreedyDecoder.Decode(teacher, states, Options(-1, maxNew: 25));
        var speculative = SpeculativeDecoder.Decode(teacher, student, states, Options(-1, maxNew: 25), new DraftPolicy(4));
        for (int b = 0; b < 2; b++)
        {
            Assert.Equal(greedy[b], speculative[b].Tokens);
            // The rounded copy still agrees with its original on most tokens: fewer passes than tokens.
            Assert.True(speculative[b].AcceptedDraftTokens > 0);
            Assert.True(speculative[b].TeacherPasses < greedy[b].Length);
        }
    }

    [Fact]
    public void A_student_made_of_teacher_layers_gives_the_teacher_output()
    {
        using var scope = NewDisposeScope();
        using var teacher = WhisperModelTests.Varied(Config with { DecoderLayers = 3 }, 33);
        using var student = new WhisperModel(Config with { DecoderLayers = 2 });
        var teacherWeights = teacher.state_dict();
        using (no_grad())
            foreach (var (name, parameter) in student.state_dict())
            {
                // Student layer 1 takes teacher layer 2 (maximally spaced); everything else by name.
                string source = name.Replace("decoder.layers.1.", "decoder.layers.2.");
                parameter.copy_(teacherWeights[source]);
            }
        using var guard = no_grad();
        var states = teacher.Encode(randn(2, 16, 40));
        var greedy = GreedyDecoder.Decode(teacher, states, Options(-1));
        var speculative = SpeculativeDecoder.Decode(teacher, student, states, Options(-1), new DraftPolicy(4));
        for (int b = 0; b < 2; b++)
        {
            Assert.Equal(greedy[b], speculative[b].Tokens);
            Assert.True(speculative[b].TeacherPasses <= greedy[b].Length);
        }
    }
}
