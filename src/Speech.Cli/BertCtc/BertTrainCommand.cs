using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Text.Bert;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert train --config C --text T --out DIR [--vocab V]</c>.</summary>
public static class BertTrainCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (BertModelOptions) and training: (BertTrainingOptions) sections.", Required = true };
        var text = new Option<string>("--text") { Description = "Training text, one sentence a line.", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.txt, checkpoints/, metrics.jsonl, model/ (the Hugging Face folder).", Required = true };
        var vocabulary = new Option<string?>("--vocab") { Description = "A WordPiece vocab.txt to use; default: built from the text (specials, characters, frequent words)." };
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a BERT masked LM from scratch (dynamic masking, 15 %, 80/10/10); resumable: rerun the same command after a kill.")
            { config, text, output, vocabulary, overrides };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var result = ConsoleProgress.Run(verb.Output, "bert train", progress => BertTrainingRun.Run(parse.GetValue(config)!, parse.GetValue(overrides),
                parse.GetValue(text)!, parse.GetValue(output)!, parse.GetValue(vocabulary), verb.Device, progress));
            if (result.Training.AlreadyComplete) verb.Output.WriteLine($"already trained to step {result.Training.Steps}; model rewritten from the last checkpoint");
            verb.Output.WriteLine($"{result.Training.Steps} steps ({result.Training.SkippedSteps} skipped) on {result.Sentences} sentences " +
                                  $"({result.UnknownWords} words [UNK]); {result.Parameters:N0} parameters, {result.VocabularySize} WordPieces; model written to {result.ModelFolder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
