using System.CommandLine;
using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using TorchSharp;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption targets --model TEACHER --manifest M [--manifest M2] --out T.jsonl</c>:
/// the teacher's beam-search captions and clip embeddings, cached for the students (resumable).</summary>
public static class CaptionTargetsCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "The teacher's model folder.", Required = true };
        var manifests = new Option<string[]>("--manifest") { Description = "Cuts to label (repeatable: captioned and audio-only sets).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Teacher targets JSONL (appended to; a rerun continues).", Required = true };
        var beam = new Option<int>("--beam-size") { Description = "Beams for the teacher's captions (the reference: 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("targets", "Cache a teacher's captions (beam search) and clip embeddings for sequence- and encoder-level KD.") { model, manifests, output, beam };
        command.SetAction(parse =>
        {
            var device = VerbContext.From(parse).Device;
            var (teacher, vocabulary) = CaptionCheckpoint.Load(parse.GetValue(model)!);
            using var owned = teacher;
            teacher.to(device);
            var cuts = parse.GetValue(manifests)!.SelectMany(m => Manifest.Read(m)).ToList();
            string outPath = parse.GetValue(output)!;
            var writer = parse.InvocationConfiguration.Output;
            var outcome = ConsoleProgress.Run(writer, "caption targets", progress => new TeacherTargetJob(teacher, vocabulary, parse.GetValue(beam), device: device).Run(cuts, outPath, progress));
            foreach (string problem in outcome.Undecodable) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
            writer.WriteLine($"{outcome.Cuts} cuts: {outcome.AlreadyDone} already done, {outcome.Written} written, {outcome.Undecodable.Count} undecodable; targets in {outPath}");
            return CommandErrors.Success;
        });
        return command;
    }
}
