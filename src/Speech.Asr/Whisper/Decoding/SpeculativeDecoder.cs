using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Speculative greedy decoding (Leviathan et al.; distil-whisper's assistant model): the
/// student's decoder drafts <c>k</c> tokens over the teacher's encoder states, the teacher scores
/// the whole draft in one pass, the longest prefix it agrees with is kept plus the teacher's own
/// next token, and both key/value caches are cropped to what was kept. The output is the
/// teacher's greedy output, token for token, whatever the <see cref="DraftPolicy"/>.</summary>
public static class SpeculativeDecoder
{
    /// <param name="encoderStates">The teacher's encoder output <c>[B, S, D]</c> (shared with the
    /// student, whose encoder is the teacher's in Distil-Whisper; cast to the student's dtype, which
    /// may differ: a bf16 student drafts for an fp32 teacher, whose verification keeps the output exact).</param>
    /// <param name="teacherSearch">How the teacher's tokens are picked (null = the full projection);
    /// <paramref name="studentSearch"/> the same for the student, whose drafts are guesses from its
    /// hot set with their probability (<see cref="TopTokenSearch.Guess"/>). Either way the output is the teacher's greedy output.</param>
    public static List<SpeculativeResult> Decode(WhisperModel teacher, WhisperModel student, Tensor encoderStates,
        GreedyOptions options, DraftPolicy? draft = null, TopTokenSearch? teacherSearch = null, TopTokenSearch? studentSearch = null)
    {
        draft ??= new DraftPolicy();
        if (draft.Problem is { } problem) throw new ArgumentException(problem, nameof(draft));
        if (teacher.Config.DModel != student.Config.DModel || teacher.Config.VocabSize != student.Config.VocabSize)
            throw new ArgumentException("student and teacher must share d_model and vocabulary for a shared encoder");
        using var guard = no_grad();
        using var ownTeacherSearch = teacherSearch is null ? TopTokenSearch.Full(teacher) : null;
        using var ownStudentSearch = studentSearch is null ? TopTokenSearch.Full(student) : null;
        var pickers = (Teacher: teacherSearch ?? ownTeacherSearch!, Student: studentSearch ?? ownStudentSearch!);
        var results = new List<SpeculativeResult>();
        for (long b = 0; b < encoderStates.shape[0]; b++)
        {
            using var scope = NewDisposeScope();
            results.Add(DecodeRow(teacher, student, encoderStates.narrow(0, b, 1), options, draft, pickers));
        }
        return results;
    }

    static SpeculativeResult DecodeRow(WhisperModel teacher, WhisperModel student, Tensor states, GreedyOptions options, DraftPolicy policy,
        (TopTokenSearch Teacher, TopTokenSearch Student) pickers)
    {
        var device = states.device;
        int vocabulary = teacher.Config.VocabSize;
        int prompt = options.Prompt.Count;
        int limit = (int)Math.Min(options.MaxNewTokens, teacher.Decoder.MaxPositions - prompt); // as teacher greedy
        var (suppress, atBegin) = GreedyDecoder.Masks(options, vocabulary, device);
        using var teacherState = teacher.NewDecoderState();
        using var studentState = student.NewDecoderState();
        var studentStates = states.to(student.Decoder.OutputWeight.dtype); // a bf16 drafter for an fp32 teacher

        // Every model's cache holds a prefix of `sequence`; what it lacks is fed on its next call.
        var sequence = options.Prompt.ToList();
        int passes = 0, drafted = 0, accepted = 0, draftLength = policy.Length;
        bool ended = false;

        // The student drafts from the prompt on: the teacher's first pass reads the prompt and the
        // first draft together, so no teacher pass is spent on the prompt alone.
        while (!ended && sequence.Count - prompt < limit)
        {
            // Draft up to k tokens with the student (never past the limit).
            int room = (int)Math.Min(limit - (sequence.Count - prompt), student.Decoder.MaxPositions - sequence.Count);
            var draft = new List<long>();
            for (int i = 0; i < Math.Min(draftLength, room); i++)
            {
                var fed = Tail(sequence.Concat(draft).ToList(), studentState.Length, device);
                var hidden = student.Decoder.HiddenStates(fed, studentStates, studentState)[0];
                // A draft needs no certificate (the teacher verifies it): the student guesses from its hot set.
                var (token, probability) = Guess(pickers.Student, hidden.narrow(0, hidden.shape[0] - 1, 1),
                    sequence.Count + draft.Count - prompt == 0 ? atBegin : suppress);
                draft.Add(token);
                if (token == options.EndToken || probability < policy.MinConfidence) break;
            }
            drafted += draft.Count;

            // Verify: the teacher sees its missing tail plus the draft in one pass.
            long cached = teacherState.Length;
            var verify = Tail(sequence.Concat(draft).ToList(), cached, device);
            int firstNew = sequence.Count - 1 - (int)cached; // position in `verify` predicting the token after `sequence`
            var verified = teacher.Decoder.HiddenStates(verify, states, teacherState)[0];
            long[] teacherPicks = Pick(pickers.Teacher, verified, firstNew, sequence.Count - prompt, suppress, atBegin, draft.Count + 1);
            passes++;

            var sequenceBefore = sequence.ToList();
            int agree = 0;
            while (agree < draft.Count && draft[agree] == teacherPicks[agree]) agree++;
            accepted += agree;
            draftLength = policy.NextLength(draftLength, draft.Count, agree);
            var keep = draft.Take(agree).ToList();
            if (agree < teacherPicks.Length) keep.Add(teacherPicks[agree]);
            foreach (long token in keep)
            {
                if (sequence.Count - prompt >= limit) break;
                if (ended = Commit(token, sequence, options.EndToken)) break;
            }
            // Keep only the cache entries of fed tokens that are still in `sequence`.
            var fedTokens = sequenceBefore.Concat(draft).ToList();
            teacherState.Crop(CommonPrefix(sequence, fedTokens, teacherState.Length));
            studentState.Crop(CommonPrefix(sequence, fedTokens, studentState.Length));
        }
        long[] emitted = sequence.Skip(prompt).ToArray();
        if (emitted.Length > 0 && emitted[^1] == options.EndToken) emitted = emitted[..^1];
        return new SpeculativeResult(emitted, passes, drafted, accepted);
    }

    /// <summary>Appends <paramref name="token"/>; true when it ends the text.</summary>
    static bool Commit(long token, List<long> sequence, long endToken)
    {
        sequence.Add(token);
        return token == endToken;
    }

    /// <summary>The tokens of <paramref name="sequence"/> from <paramref name="start"/> on, as <c>[1, n]</c>.</summary>
    static Tensor Tail(List<long> sequence, long start, Device device) =>
        tensor(sequence.Skip((int)start).ToArray(), device: device).unsqueeze(0);

    /// <summary>How many of the first <paramref name="cached"/> fed tokens agree with <paramref name="sequence"/>.</summary>
    static long CommonPrefix(List<long> sequence, List<long> fed, long cached)
    {
        long n = 0;
        while (n < cached && n < sequence.Count && n < fed.Count && sequence[(int)n] == fed[(int)n]) n++;
        return n;
    }

    /// <summary>The student's guess for one row <c>[1, D]</c> and its probability.</summary>
    static (long Token, float Probability) Guess(TopTokenSearch search, Tensor row, Tensor? suppressed)
    {
        var (tokens, probabilities) = search.Guess(row, suppressed);
        return (tokens[0], probabilities[0]);
    }

    /// <summary>Greedy picks at <paramref name="count"/> consecutive rows of final-norm states
    /// <c>hidden [T, D]</c> from <paramref name="position"/> on, applying the suppress lists;
    /// <paramref name="emittedBefore"/> says how many tokens precede the first pick (0: it is the first emitted).</summary>
    static long[] Pick(TopTokenSearch search, Tensor hidden, int position, int emittedBefore, Tensor? suppress, Tensor? atBegin, int count)
    {
        using var scope = NewDisposeScope();
        count = (int)Math.Min(count, hidden.shape[0] - position);
        var rows = hidden.narrow(0, position, count); // [count, D]
        if (emittedBefore != 0) return search.Pick(rows, suppress);
        var first = search.Pick(rows.narrow(0, 0, 1), atBegin);
        return count == 1 ? first : first.Concat(search.Pick(rows.narrow(0, 1, count - 1), suppress)).ToArray();
    }
}
