using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>What one decoder call costs at batch 1, the unit of speculative decoding's arithmetic:
/// the first pass (prompt plus the cross-attention keys and values of every layer), a one-token
/// step (greedy decoding's unit) and a k-token verification (speculative decoding's), for a teacher
/// and a shallower student of the same width, in fp32 and bf16. Speculative decoding pays off by
/// as much as a k-token pass costs no more than a one-token one, so the ratio column is the one to
/// watch. Weights are random: the cost of a pass does not depend on them. Then the end-to-end
/// ceiling: greedy against speculative decoding with a student that agrees on every token (both
/// models steered to say the same token), for outputs of a mini-corpus cut's length and longer.</summary>
public static class DecoderPassBenchmark
{
    const int Rounds = 100;
    static readonly long[] Prompt = { 50257, 50362 };

    // Arguments: [threads (2)] [size (mini)] [student decoder layers (2)].
    public static void Run(string[] args, TextWriter output)
    {
        int threads = args.Length > 0 && int.TryParse(args[0], out int t) ? t : 2;
        string size = args.Length > 1 ? args[1] : "mini";
        int studentLayers = args.Length > 2 && int.TryParse(args[2], out int s) ? s : 2;
        set_num_threads(threads);
        var config = WhisperConfig.Named[size];
        output.WriteLine($"threads {threads}; {size}: {config.DecoderLayers} decoder layers, student {studentLayers}; median of {Rounds} calls, batch 1");
        output.WriteLine($"{"model",-8} {"precision",-9} {"first pass",11} {"1 token",9} {"2 tokens",9} {"4 tokens",9} {"6 tokens",9} {"8 tokens",9} {"8 / 1",6}");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            manual_seed(1);
            using var teacher = new WhisperModel(config);
            using var student = new WhisperModel(config with { DecoderLayers = studentLayers });
            foreach (var (name, model) in new[] { ("teacher", teacher), ("student", student) })
            {
                model.eval();
                model.to(dtype);
                Row(output, name, dtype, model);
            }
        }
        output.WriteLine("speculative decoding with a student that agrees on every token (drafts of up to 8), against teacher greedy, hot-set search:");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
            foreach (int tokens in new[] { 7, 28 })
                Ceiling(output, config, studentLayers, dtype, tokens);
    }

    /// <summary>Teacher and student both steered to say " the" at every step, so every draft is
    /// accepted: what speculative decoding gains at best for <paramref name="tokens"/> tokens.</summary>
    static void Ceiling(TextWriter output, WhisperConfig config, int studentLayers, ScalarType dtype, int tokens)
    {
        using var teacher = WhisperEngineBenchmark.Steered(config, talkative: true);
        using var student = WhisperEngineBenchmark.Steered(config with { DecoderLayers = studentLayers }, talkative: true);
        foreach (var model in new[] { teacher, student }) model.to(dtype);
        using var teacherSearch = new TopTokenSearch(teacher);
        using var studentSearch = new TopTokenSearch(student);
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var states = teacher.Encode(randn(1, config.NumMelBins, config.MaxSourcePositions * 2).to(dtype));
        var options = new GreedyOptions(Prompt, EndToken: -1, MaxNewTokens: tokens);
        var policy = new DraftPolicy(Length: 8);
        SpeculativeResult result = null!;
        double greedy = Median(() => GreedyDecoder.Decode(teacher, states, options, teacherSearch));
        double speculative = Median(() => result = SpeculativeDecoder.Decode(teacher, student, states, options, policy, teacherSearch, studentSearch)[0]);
        output.WriteLine($"  {(dtype == ScalarType.Float32 ? "fp32" : "bf16")}, {tokens} tokens: greedy {Ms(greedy)}, speculative {Ms(speculative)} " +
                         $"({result.TeacherPasses} teacher passes): speed-up {greedy / speculative:F2}x");
    }

    static void Row(TextWriter output, string name, ScalarType dtype, WhisperModel model)
    {
        using var guard = no_grad();
        using var scope = NewDisposeScope();
        var states = model.Encode(randn(1, model.Config.NumMelBins, model.Config.MaxSourcePositions * 2).to(dtype));
        using var state = model.NewDecoderState();
        var prompt = tensor(Prompt).unsqueeze(0);
        double first = Median(() =>
        {
            using var decoderState = model.NewDecoderState();
            model.Decoder.HiddenStates(prompt, states, decoderState).Dispose();
        });
        model.Decoder.HiddenStates(prompt, states, state).Dispose(); // the cache of a decoding in progress
        var costs = new[] { 1, 2, 4, 6, 8 }.Select(k =>
        {
            var tokens = tensor(Enumerable.Repeat(262L, k).ToArray()).unsqueeze(0);
            return Median(() =>
            {
                model.Decoder.HiddenStates(tokens, states, state).Dispose();
                state.Crop(Prompt.Length);
            });
        }).ToArray();
        output.WriteLine($"{name,-8} {(dtype == ScalarType.Float32 ? "fp32" : "bf16"),-9} {Ms(first),11} " +
                         string.Join(" ", costs.Select(c => $"{Ms(c),9}")) + $" {costs[^1] / costs[0],6:F2}");
    }

    static string Ms(double seconds) => $"{seconds * 1e3:F2}ms";

    static double Median(Action action) => MedianTime.Seconds(action, Rounds, warmups: 10);
}
