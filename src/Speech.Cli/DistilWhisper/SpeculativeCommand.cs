using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;
using Speech.Core.Errors;
using Speech.Core.Runtime;

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
            var verb = VerbContext.From(parse);
            var settings = new SpeculativeBenchmarkSettings(parse.GetValue(draft), parse.GetValue(adaptive), parse.GetValue(confidence), parse.GetValue(repeat),
                parse.GetValue(full));
            settings.Policy(); // bad flags fail before any model loads
            var teacherPrecision = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, verb.Device);
            var studentPrecision = parse.GetValue(draftPrecision) is { } drafts ? PrecisionOption.Resolve(parse, drafts, verb.Device) : teacherPrecision;
            var r = SpeculativeBenchmark.Run(parse.GetValue(teacher)!, parse.GetValue(student)!, parse.GetValue(manifest)!, verb.Device,
                teacherPrecision, studentPrecision, settings);
            var writer = verb.Output;
            writer.WriteLine($"{r.Cuts} cuts, {r.Tokens} tokens: identical outputs {r.Cuts - r.Differing - r.Tied}/{r.Cuts}" +
                             (r.Tied > 0 ? $"; {r.Tied} part from teacher greedy where two logits tie at the teacher's rounding (either token is its argmax)" : ""));
            writer.WriteLine($"teacher greedy decoding {r.GreedySeconds:F2} s, speculative {r.SpeculativeSeconds:F2} s (fastest of {r.Runs} per cut): speed-up {r.SpeedUp:F2}x");
            writer.WriteLine($"the student ranks the teacher's token first on {r.AgreementFirst} of {r.AgreementTokens} ({100.0 * r.AgreementFirst / Math.Max(1, r.AgreementTokens):F1} %), " +
                             $"among its top two on {r.AgreementTopTwo} ({100.0 * r.AgreementTopTwo / Math.Max(1, r.AgreementTokens):F1} %; teacher forcing, end token included)");
            writer.WriteLine($"tokens per teacher pass {(double)r.Tokens / Math.Max(1, r.TeacherPasses):F2}; student drafted {r.Drafted} tokens, the teacher accepted {r.Accepted} ({100.0 * r.Accepted / Math.Max(1, r.Drafted):F0} %)");
            writer.WriteLine(r.FullProjection ? "output projection: full (--full-projection)"
                : $"output projection: hot-set search ({r.TeacherHotCount} rows), full projection needed for {r.TeacherFullProjections} of {r.TeacherPicks} teacher picks; " +
                  $"{r.StudentGuesses} student drafts guessed from its hot set (no bound: the teacher verifies them)");
            foreach (string divergence in r.Divergences) writer.WriteLine($"differs: {divergence}");
            if (r.Differing > 0) throw new SpeechException($"{r.Differing} of {r.Cuts} speculative outputs differ from teacher greedy at a token the teacher does not rank first (not a tie)");
            return CommandErrors.Success;
        });
        return command;
    }
}
