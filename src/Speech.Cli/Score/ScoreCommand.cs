using System.CommandLine;

namespace Speech.Cli.Score;

/// <summary><c>speech score wer</c> (other metrics join this group as they arrive).</summary>
public static class ScoreCommand
{
    public static Command Build()
    {
        var command = new Command("score", "Score outputs against references.");
        command.Subcommands.Add(ScoreWerCommand.Build());
        command.Subcommands.Add(Captioning.ScoreCaptionsCommand.Build());
        command.Subcommands.Add(Verification.ScoreEerCommand.Build());
        return command;
    }
}
