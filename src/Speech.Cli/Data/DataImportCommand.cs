using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Data.Importers;

namespace Speech.Cli.Data;

/// <summary><c>speech data import KIND DIR --out manifest.jsonl.gz [--skip-bad]</c>.</summary>
public static class DataImportCommand
{
    public static Command Build()
    {
        var kind = new Argument<string>("kind") { Description = "Corpus layout: " + string.Join(", ", CorpusImporters.All.Select(i => $"{i.Name} ({i.Description})")) };
        var directory = new Argument<string>("dir") { Description = "The corpus folder." };
        var output = new Option<string>("--out") { Description = "Manifest to write (.jsonl or .jsonl.gz).", Required = true };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Report bad items and leave them out instead of stopping at the first." };
        var command = new Command("import", "Import a corpus folder into a manifest (one cut a JSON line).") { kind, directory, output, skipBad };
        command.SetAction(parse =>
        {
            var importer = CorpusImporters.Get(parse.GetValue(kind)!);
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<ImportProblem>();
            var context = new ImportContext(new AudioReaderProbe(), parse.GetValue(skipBad) ? problems.Add : null);
            string outPath = parse.GetValue(output)!;
            int written = ConsoleProgress.Run(writer, "import", progress =>
                Manifest.Write(outPath, importer.Import(parse.GetValue(directory)!, context with { Progress = progress })));
            foreach (var problem in problems) error.WriteLine($"skipped: {problem}");
            writer.WriteLine($"{written} cuts written to {outPath}, {problems.Count} problem(s) skipped");
            return CommandErrors.Success;
        });
        return command;
    }
}
