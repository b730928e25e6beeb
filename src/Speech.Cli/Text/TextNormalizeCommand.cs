using System.CommandLine;
using Speech.Cli.Hosting;

namespace Speech.Cli.Text;

/// <summary><c>speech text normalize</c>: each stdin line normalised to stdout.</summary>
public static class TextNormalizeCommand
{
    public static Command Build()
    {
        var normalizer = NormalizerChoice.CreateOption("whisper-english");
        var modelFolder = NormalizerChoice.CreateSpellingOption();
        var command = new Command("normalize", "Normalise each line of standard input (Whisper English rules by default).") { normalizer, modelFolder };
        command.SetAction(parse =>
        {
            var chosen = NormalizerChoice.Resolve(parse.GetValue(normalizer)!, parse.GetValue(modelFolder));
            var output = parse.InvocationConfiguration.Output;
            while (Console.In.ReadLine() is { } line) output.WriteLine(chosen?.Normalize(line) ?? line);
            return CommandErrors.Success;
        });
        return command;
    }
}
