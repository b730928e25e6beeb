using System.CommandLine;
using System.Text.Json.Nodes;
using Speech.Captioning.Model;
using Speech.Captioning.Training;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.IO;
using TorchSharp;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption eval --model M --manifest TEST [--baseline TEACHER] [--out R.json]</c>:
/// caption and score; with a baseline, its time on the same clips in the same run gives the speed ratio.</summary>
public static class CaptionEvalCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "Model folder to evaluate.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Captioned test cuts (the references).", Required = true };
        var baseline = new Option<string?>("--baseline") { Description = "A second model folder (the teacher) timed on the same clips: prints model/baseline time." };
        var output = new Option<string?>("--out") { Description = "Write the metrics, parameters and times as JSON here." };
        var beam = new Option<int?>("--beam-size") { Description = "Beams (default: the model's, 3); 1 is greedy." };
        var jars = new Option<string?>("--coco-jars") { Description = "Folder with meteor-1.5.jar and spice-1.0.jar (METEOR/SPICE need them and Java)." };
        var command = new Command("eval", "Caption a test manifest and print BLEU-1..4, ROUGE-L, CIDEr-D, parameters and inference time.") { model, manifest, baseline, output, beam, jars };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var device = verb.Device;
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var writer = parse.InvocationConfiguration.Output;
            CaptionEvaluation.Report Evaluate(string folder)
            {
                var (captioner, vocabulary) = CaptionCheckpoint.Load(folder);
                using var owned = captioner;
                captioner.to(device);
                return ConsoleProgress.Run(writer, $"caption eval {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}", progress =>
                    CaptionEvaluation.Run(captioner, vocabulary, cuts, parse.GetValue(beam), device, parse.GetValue(jars), progress));
            }
            var report = Evaluate(parse.GetValue(model)!);
            var json = new JsonObject { ["model"] = parse.GetValue(model), ["clips"] = report.Scores.Clips, ["parameters"] = report.Parameters, ["model_seconds"] = report.ModelSeconds };
            foreach (string problem in report.Generation.Undecodable) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
            writer.WriteLine($"clips {report.Scores.Clips} ({report.Generation.Undecodable.Count} undecodable skipped), parameters {report.Parameters:N0}, model time {report.ModelSeconds:F2} s");
            foreach (var (name, value) in report.Scores.Named())
            {
                writer.WriteLine($"{name} {value:0.0000}");
                json[name] = value;
            }
            if (report.Scores.Unavailable is { } reason) writer.WriteLine(reason);
            if (parse.GetValue(baseline) is { } other)
            {
                var reference = Evaluate(other);
                double ratio = report.ModelSeconds / Math.Max(1e-9, reference.ModelSeconds);
                writer.WriteLine($"baseline {other}: parameters {reference.Parameters:N0}, model time {reference.ModelSeconds:F2} s; time ratio (model/baseline) {ratio:F3}");
                json["baseline_seconds"] = reference.ModelSeconds;
                json["time_ratio"] = ratio;
            }
            if (parse.GetValue(output) is { } path) AtomicFile.WriteText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return CommandErrors.Success;
        });
        return command;
    }
}
