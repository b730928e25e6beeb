using System.CommandLine;

namespace Speech.Cli.Data;

/// <summary><c>speech data import|validate|synth|stats</c>.</summary>
public static class DataCommand
{
    public static Command Build()
    {
        var command = new Command("data", "Corpora and manifests: import a corpus folder, validate a manifest, synthesise the mini corpus, print statistics.");
        command.Subcommands.Add(DataImportCommand.Build());
        command.Subcommands.Add(DataValidateCommand.Build());
        command.Subcommands.Add(DataSynthCommand.Build());
        command.Subcommands.Add(DataStatsCommand.Build());
        command.Subcommands.Add(DataCombineCommand.Build());
        command.Subcommands.Add(Captioning.DataSynthCaptionsCommand.Build());
        return command;
    }
}
