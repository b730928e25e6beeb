using System.CommandLine;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert text|train|score</c>: a BERT masked LM, the teacher of the BERT→CTC recipe.</summary>
public static class BertCommand
{
    public static Command Build()
    {
        var command = new Command("bert", "A BERT masked language model (Hugging Face folder): write a training text, train one from scratch, score a text.");
        command.Subcommands.Add(BertTextCommand.Build());
        command.Subcommands.Add(BertTrainCommand.Build());
        command.Subcommands.Add(BertScoreCommand.Build());
        return command;
    }
}
