using TorchSharp;
using System.CommandLine;
using System.Globalization;
using Speech.Cli.Hosting;
using Speech.Core.Errors;
using Speech.Core.Text.Bert;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert score --bert DIR --text T</c>: masked-token accuracy and pseudo-perplexity.</summary>
public static class BertScoreCommand
{
    public static Command Build()
    {
        var bert = new Option<string>("--bert") { Description = "A BERT folder (config.json, model.safetensors, vocab.txt).", Required = true };
        var text = new Option<string>("--text") { Description = "Text to score, one sentence a line.", Required = true };
        var command = new Command("score", "Mask each token of a text in turn: print the BERT's masked-token accuracy and pseudo-perplexity.") { bert, text };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string path = parse.GetValue(text)!;
            if (!File.Exists(path)) throw new ConfigException($"{path}: text not found");
            var (model, vocabulary) = BertFolder.Load(parse.GetValue(bert)!);
            using var owned = model;
            model.to(verb.Device);
            var score = ConsoleProgress.Run(verb.Output, "bert score", progress => BertScorer.Score(model, vocabulary, File.ReadLines(path), progress));
            verb.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{score.Sentences} sentences, {score.Tokens} tokens ({score.UnknownWords} words [UNK]): masked-token accuracy {score.Accuracy:P2}, pseudo-perplexity {score.PseudoPerplexity:F2}"));
            return CommandErrors.Success;
        });
        return command;
    }
}
