using System.CommandLine;

namespace Speech.Cli.Text;

/// <summary><c>speech text normalize|tokenize</c>: standard input → standard output, a line each.</summary>
public static class TextCommand
{
    public static Command Build()
    {
        var command = new Command("text", "Text tools over stdin/stdout, one line each: normalise transcripts, tokenise them.");
        command.Subcommands.Add(TextNormalizeCommand.Build());
        command.Subcommands.Add(TextTokenizeCommand.Build());
        return command;
    }
}
