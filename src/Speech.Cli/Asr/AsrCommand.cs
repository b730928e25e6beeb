using System.CommandLine;
using Speech.Cli.Score;

namespace Speech.Cli.Asr;

/// <summary><c>speech asr train|decode|score</c>: CTC acoustic models from recipe configs.</summary>
public static class AsrCommand
{
    public static Command Build()
    {
        var command = new Command("asr", "Train, decode and score CTC models (conformer-free transformer encoder, character units) from recipe configs.");
        command.Subcommands.Add(AsrTrainCommand.Build());
        command.Subcommands.Add(AsrDecodeCommand.Build());
        command.Subcommands.Add(ScoreWerCommand.Build("score"));
        return command;
    }
}
