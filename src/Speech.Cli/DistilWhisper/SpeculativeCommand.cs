using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper.Engines;
using System.CommandLine;
using System.Diagnostics;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Runtime;
using static TorchSharp.torch;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper speculative</c>: teacher greedy against student-drafted,
/// teacher-verified decoding on a manifest: identical outputs (checked), speed-up, and tokens
/// accepted per teacher pass.</summary>
public static class SpeculativeCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher Whisper folder or ggml file.", Required = true };
        var student = new Option<string>("--student") { Description = "Student folder (shares the teacher's encoder).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to decode.", Required = true };
        var full = FullProjectionOption.Create();
        var draft = new Option<int>("--draft") { Description = "Most tokens the student drafts per teacher pass (fewer where --draft-confidence stops a draft).", DefaultValueFactory = _ => 5 };
        var adaptive = new Option<bool>("--adaptive-draft")
        {
            Description = "Change the draft length as transformers' assistant models do: two tokens longer after a fully accepted draft, one shorter after a rejection (--draft is the first length).",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Times each cut is decoded both ways, alternating; each way's time for a cut is its fastest run (the usual defence of a " +
                          "micro-benchmark against a busy machine: one pass of a few milliseconds moves by tens of percent).",
            DefaultValueFactory = _ => 5,
        };
        var precision = PrecisionOption.ForInference();
        var confidence = new Option<double>("--draft-confidence")
        {
            Description = "Stop a draft after a token the student gives less than this probability (transformers' assistant_confidence_threshold; " +
                          "0.4 is its default and ours); 0 always drafts --draft tokens. Where the student is unsure the teacher often disagrees, and the rest of the draft is wasted.",
            DefaultValueFactory = _ => 0.4,
        };
        var draftPrecision = new Option<string?>("--draft-precision")
        {
            Description = "The student's weights and activations: fp32 or bf16 (default: --precision). Its drafts need no accuracy (the teacher " +
                          "verifies every token, so the output stays the teacher's greedy output in --precision); bf16 halves what each draft step reads. " +
                          PrecisionOption.AutoMeaning + ".",
        };
        draftPrecision.AcceptOnlyFromAmong(PrecisionChoice.Names);
        var command = new Command("speculative", "Speculative decoding: the student drafts, the teacher verifies; prints speed-up and checks identical output.")
            { teacher, student, manifest, draft, adaptive, confidence, repeat, precision, draftPrecision, full };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var policy = new DraftPolicy(parse.GetValue(draft), parse.GetValue(adaptive), parse.GetValue(confidence));
            if (policy.Problem is { } problem) throw new ConfigException($"--draft / --draft-confidence: {problem}");
            using var teacherModel = WhisperModelFiles.Load(parse.GetValue(teacher)!);
            using var studentModel = WhisperModelFiles.Load(parse.GetValue(student)!);
            var teacherPrecision = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, CPU);
            var studentPrecision = parse.GetValue(draftPrecision) is { } drafts ? PrecisionOption.Resolve(parse, drafts, CPU) : teacherPrecision;
            PrecisionOption.Apply(teacherModel, teacherPrecision);
            PrecisionOption.Apply(studentModel, studentPrecision);
            var tokenizer = WhisperTokenizer.ForModel(parse.GetValue(teacher)!, teacherModel.Config.VocabSize);
            bool plain = parse.GetValue(full);
            using var engine = new TorchWhisperEngine(teacherModel, tokenizer, batchSize: 1, fullProjection: plain);
            var options = engine.Options;
            var teacherSearch = engine.Search; // the engine owns it
            using var studentSearch = plain ? TopTokenSearch.Full(studentModel) : new TopTokenSearch(studentModel);
            var all = Manifest.Read(parse.GetValue(manifest)!).ToList();
            if (all.Count == 0) throw new ManifestException($"{parse.GetValue(manifest)}: no cuts to decode");
            using (var warmScope = NewDisposeScope())
            using (no_grad())
            {
                // Untimed warm-up of both paths (first-call costs of libtorch kernels).
                var warm = teacherModel.Encode(engine.Features(new[] { CutAudio.Read(all[0], 16000) }));
                GreedyDecoder.Decode(teacherModel, warm, options, teacherSearch);
                SpeculativeDecoder.Decode(teacherModel, studentModel, warm, options, policy, teacherSearch, studentSearch);
            }
            int runs = parse.GetValue(repeat);
            if (runs < 1) throw new ConfigException($"--repeat {runs}: decode each cut at least once");
            double greedySeconds = 0, speculativeSeconds = 0;
            int tokens = 0, passes = 0, drafted = 0, accepted = 0, differing = 0, cuts = 0;
            var agreement = new DraftAgreement.Counts(0, 0, 0);
            foreach (var cut in all)
            {
                using var scope = NewDisposeScope();
                using var guard = no_grad();
                var states = teacherModel.Encode(engine.Features(new[] { CutAudio.Read(cut, 16000) }));
                long[] greedy = Array.Empty<long>();
                SpeculativeResult speculative = null!;
                double greedyBest = double.MaxValue, speculativeBest = double.MaxValue;
                for (int run = 0; run < runs; run++)
                {
                    var clock = Stopwatch.StartNew();
                    greedy = GreedyDecoder.Decode(teacherModel, states, options, teacherSearch)[0];
                    greedyBest = Math.Min(greedyBest, clock.Elapsed.TotalSeconds);
                    clock.Restart();
                    speculative = SpeculativeDecoder.Decode(teacherModel, studentModel, states, options, policy, teacherSearch, studentSearch)[0];
                    speculativeBest = Math.Min(speculativeBest, clock.Elapsed.TotalSeconds);
                }
                greedySeconds += greedyBest;
                speculativeSeconds += speculativeBest;
                if (!greedy.SequenceEqual(speculative.Tokens)) differing++;
                agreement += DraftAgreement.Measure(studentModel, states, options, greedy); // untimed
                tokens += speculative.Tokens.Length;
                passes += speculative.TeacherPasses;
                drafted += speculative.DraftTokens;
                accepted += speculative.AcceptedDraftTokens;
                cuts++;
            }
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"{cuts} cuts, {tokens} tokens: identical outputs {cuts - differing}/{cuts}");
            writer.WriteLine($"teacher greedy decoding {greedySeconds:F2} s, speculative {speculativeSeconds:F2} s (fastest of {runs} per cut): speed-up {greedySeconds / Math.Max(1e-9, speculativeSeconds):F2}x");
            writer.WriteLine($"the student ranks the teacher's token first on {agreement.First} of {agreement.Tokens} ({100.0 * agreement.First / Math.Max(1, agreement.Tokens):F1} %), " +
                             $"among its top two on {agreement.TopTwo} ({100.0 * agreement.TopTwo / Math.Max(1, agreement.Tokens):F1} %; teacher forcing, end token included)");
            writer.WriteLine($"tokens per teacher pass {(double)tokens / Math.Max(1, passes):F2}; student drafted {drafted} tokens, the teacher accepted {accepted} ({100.0 * accepted / Math.Max(1, drafted):F0} %)");
            writer.WriteLine(plain ? "output projection: full (--full-projection)"
                : $"output projection: hot-set search ({teacherSearch.HotCount} rows), full projection needed for {teacherSearch.FullProjections} of {teacherSearch.Picks} teacher picks; " +
                  $"{studentSearch.Guesses} student drafts guessed from its hot set (no bound: the teacher verifies them)");
            if (differing > 0) throw new SpeechException($"{differing} of {cuts} speculative outputs differ from teacher greedy");
            return CommandErrors.Success;
        });
        return command;
    }
}
