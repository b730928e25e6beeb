using System.CommandLine;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq embeddings|train-quantizer|encode|attach|train|storage</c>.</summary>
public static class MvqCommand
{
    public static Command Build()
    {
        var command = new Command("mvq", "MVQ-KD: teacher embeddings compressed to multi-codebook uint8 indexes that a student learns to predict.");
        command.Subcommands.Add(MvqEmbeddingsCommand.Build());
        command.Subcommands.Add(MvqTrainQuantizerCommand.Build());
        command.Subcommands.Add(MvqEncodeCommand.Build());
        command.Subcommands.Add(MvqAttachCommand.Build());
        command.Subcommands.Add(MvqTrainCommand.Build());
        command.Subcommands.Add(MvqStorageCommand.Build());
        return command;
    }
}
