using System.CommandLine;

namespace Speech.Cli.Whisper;

/// <summary><c>speech whisper train|transcribe|export|average</c>.</summary>
public static class WhisperCommand
{
    public static Command Build()
    {
        var command = new Command("whisper", "Train, run and export Whisper models (TorchSharp; ggml files through Whisper.net).");
        command.Subcommands.Add(WhisperTrainCommand.Build());
        command.Subcommands.Add(WhisperTranscribeCommand.Build());
        command.Subcommands.Add(WhisperExportCommand.Build());
        command.Subcommands.Add(WhisperAverageCommand.Build());
        return command;
    }
}
