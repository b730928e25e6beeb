using System.CommandLine;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert-kd targets|train|eval</c>: BERT soft labels and the CTC students they teach.</summary>
public static class BertKdCommand
{
    public static Command Build()
    {
        var command = new Command("bert-kd", "Distil a BERT into a CTC encoder: cache soft labels, train a student (greedy CTC at inference).");
        command.Subcommands.Add(BertKdTargetsCommand.Build());
        command.Subcommands.Add(BertKdTrainCommand.Build());
        command.Subcommands.Add(BertKdEvalCommand.Build());
        return command;
    }
}
