using System.CommandLine;
using System.Globalization;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Text.Bert;
using TorchSharp;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert score --bert DIR --text T|--manifest M</c>: masked-token accuracy and pseudo-perplexity.</summary>
public static class BertScoreCommand
{
    public static Command Build()
    {
        var bert = new Option<string>("--bert") { Description = "A BERT folder (config.json, model.safetensors, vocab.txt).", Required = true };
        var text = new Option<string?>("--text") { Description = "Text to score, one sentence a line." };
        var manifest = new Option<string?>("--manifest") { Description = "Or a manifest whose transcripts are scored." };
        var command = new Command("score", "Mask each token of a text in turn: print the BERT's masked-token accuracy and pseudo-perplexity.") { bert, text, manifest };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string? path = parse.GetValue(text), manifestPath = parse.GetValue(manifest);
            if ((path is null) == (manifestPath is null)) throw new ConfigException("give --text or --manifest (one of them)");
            if (path is not null && !File.Exists(path)) throw new ConfigException($"{path}: text not found");
            var lines = path is not null ? File.ReadLines(path) : Manifest.Read(manifestPath!).Select(c => c.Text ?? "");
            var (model, vocabulary) = BertFolder.Load(parse.GetValue(bert)!);
            using var owned = model;
            model.to(verb.Device);
            var score = ConsoleProgress.Run(verb.Output, "bert score", progress => BertScorer.Score(model, vocabulary, lines, progress));
            verb.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{score.Sentences} sentences, {score.Tokens} tokens ({score.UnknownWords} words [UNK]): masked-token accuracy {score.Accuracy:P2}, pseudo-perplexity {score.PseudoPerplexity:F2}"));
            return CommandErrors.Success;
        });
        return command;
    }
}
