using System.CommandLine;

namespace Speech.Cli;

/// <summary>The nouns of the recipe families (one line each): a new family adds its noun here, the
/// toolkit's shared nouns stay in <see cref="SpeechCli"/>.</summary>
public static class RecipeCommands
{
    public static void AddTo(Command root)
    {
        root.Subcommands.Add(Whisper.WhisperCommand.Build());
        root.Subcommands.Add(Asr.AsrCommand.Build());
        root.Subcommands.Add(DistilWhisper.DistilWhisperCommand.Build());
        root.Subcommands.Add(Captioning.CaptionCommand.Build());
        root.Subcommands.Add(Verification.SvCommand.Build());
        root.Subcommands.Add(BertCtc.BertCommand.Build());
        root.Subcommands.Add(BertCtc.BertKdCommand.Build());
        root.Subcommands.Add(Mvq.MvqCommand.Build());
    }
}
