using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.Data;

/// <summary><c>speech data combine --out M IN[=PREFIX]...</c>: several manifests as one.</summary>
public static class DataCombineCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Combined manifest to write (audio paths relative to its folder).", Required = true };
        var inputs = new Argument<string[]>("inputs")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Manifests to combine, in order, each as PATH or PATH=PREFIX (the prefix goes in front of its cut ids and speakers).",
        };
        var command = new Command("combine", "Combine manifests into one, prefixing ids and speakers per input so separately made corpora stay apart.") { output, inputs };
        command.SetAction(parse =>
        {
            var parsed = parse.GetValue(inputs)!.Select(ManifestCombination.ParseInput).ToList();
            int count = Manifest.Write(parse.GetValue(output)!, ManifestCombination.Combine(parsed));
            parse.InvocationConfiguration.Output.WriteLine($"{count} cuts from {parsed.Count} manifests written to {parse.GetValue(output)}");
            return CommandErrors.Success;
        });
        return command;
    }
}
