using System.CommandLine;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper pseudo-label|merge|filter|corrupt|init-student|train|eval|speculative</c>.</summary>
public static class DistilWhisperCommand
{
    public static Command Build()
    {
        var command = new Command("distil-whisper", "Distil a Whisper teacher into a shallow-decoder student (pseudo-labels, WER filter, KD, speculative decoding).");
        command.Subcommands.Add(PseudoLabelCommand.Build());
        command.Subcommands.Add(MergeLabelsCommand.Build());
        command.Subcommands.Add(FilterLabelsCommand.Build());
        command.Subcommands.Add(CorruptLabelsCommand.Build());
        command.Subcommands.Add(InitStudentCommand.Build());
        command.Subcommands.Add(DistilTrainCommand.Build());
        command.Subcommands.Add(EvalCommand.Build());
        command.Subcommands.Add(SpeculativeCommand.Build());
        return command;
    }
}
