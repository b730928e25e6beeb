using System.CommandLine;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv synth|train|embed|score|trials</c>: speaker verification with class and distillation tokens.</summary>
public static class SvCommand
{
    public static Command Build()
    {
        var command = new Command("sv", "Speaker verification: synthetic text-dependent corpus, training (class + distillation tokens), embeddings, cosine scoring.");
        command.Subcommands.Add(SvSynthCommand.Build());
        command.Subcommands.Add(SvTrainCommand.Build());
        command.Subcommands.Add(SvEmbedCommand.Build());
        command.Subcommands.Add(SvScoreCommand.Build());
        command.Subcommands.Add(SvTrialsCommand.Build());
        return command;
    }
}
