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
        var skipBad = SkipBadOption.Create();
        var output = new Option<string?>("--out") { Description = "With --skip-bad: write the valid cuts here." };
        var tolerance = new Option<double>("--tolerance") { Description = "Allowed duration mismatch, seconds.", DefaultValueFactory = _ => 0.01 };
        var command = new Command("validate",
            "Open every audio file of a manifest and report missing, unreadable, zero-length and mismatched-duration items.")
        { manifest, skipBad, output, tolerance };
        command.SetAction(parse =>
        {
            var validator = new ManifestValidator(new AudioReaderProbe(), parse.GetValue(tolerance));
            var badItems = SkipBadOption.Policy(parse, skipBad);
            var report = ConsoleProgress.Run(parse.InvocationConfiguration.Output, "validate",
                progress => validator.Validate(parse.GetValue(manifest)!, badItems, progress));
            if (parse.GetValue(output) is { } outPath) Manifest.Write(outPath, report.Valid);
            return SkipBadOption.Finish(parse, report.ToString(), report.Skipped, report.Failures, report.Counts);
        });
        return command;
    }
}
