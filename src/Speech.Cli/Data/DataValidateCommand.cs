using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.Data;

/// <summary><c>speech data validate MANIFEST [--skip-bad] [--out clean.jsonl]</c>.</summary>
public static class DataValidateCommand
{
    public static Command Build()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest to check." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "List every problem and go on (exit 0) instead of stopping at the first (exit 1)." };
        var output = new Option<string?>("--out") { Description = "With --skip-bad: write the valid cuts here." };
        var tolerance = new Option<double>("--tolerance") { Description = "Allowed duration mismatch, seconds.", DefaultValueFactory = _ => 0.01 };
        var command = new Command("validate",
            "Open every audio file of a manifest and report missing, unreadable, zero-length and mismatched-duration items.")
        { manifest, skipBad, output, tolerance };
        command.SetAction(parse =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var validator = new ManifestValidator(new AudioReaderProbe(), parse.GetValue(tolerance));
            var report = ConsoleProgress.Run(writer, "validate", progress => validator.Validate(parse.GetValue(manifest)!, parse.GetValue(skipBad), progress));
            foreach (var problem in report.Problems) parse.InvocationConfiguration.Error.WriteLine($"skipped ({problem.Kind}): {problem}");
            string counts = string.Join(", ", report.ProblemCounts.Select(p => $"{p.Value} {p.Key}"));
            writer.WriteLine($"{report.Total} cuts: {report.Valid.Count} valid, {report.Problems.Count} skipped{(counts.Length > 0 ? $" ({counts})" : "")}");
            if (parse.GetValue(output) is { } outPath) Manifest.Write(outPath, report.Valid);
            return CommandErrors.Success;
        });
        return command;
    }
}
