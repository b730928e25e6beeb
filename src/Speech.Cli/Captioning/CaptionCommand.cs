using System.CommandLine;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption train|targets|generate|eval</c>.</summary>
public static class CaptionCommand
{
    public static Command Build()
    {
        var command = new Command("caption", "Audio captioning with encoder- and sequence-level KD: train a model, cache a teacher's targets, generate captions, evaluate.");
        command.Subcommands.Add(CaptionTrainCommand.Build());
        command.Subcommands.Add(CaptionTargetsCommand.Build());
        command.Subcommands.Add(CaptionGenerateCommand.Build());
        command.Subcommands.Add(CaptionEvalCommand.Build());
        return command;
    }
}
