using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Text.Bert;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert text --out T [--passages books] [--exclude-manifest M ...]</c>.</summary>
public static class BertTextCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "Text file to write, one clause a line.", Required = true };
        var passages = new Option<string>("--passages") { Description = "King James Bible passage set: mini, wisdom or books (needs Debian's bible-kjv).", DefaultValueFactory = _ => "books" };
        var exclude = new Option<string[]>("--exclude-manifest") { Description = "Manifests whose transcripts are left out (the dev and test sets; repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("text", "Write a BERT training text: King James Bible clauses without the held-out sentences.") { output, passages, exclude };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string path = parse.GetValue(output)!;
            var result = BertTextCorpus.Write(path, parse.GetValue(passages)!, parse.GetValue(exclude) ?? []);
            verb.Output.WriteLine($"{result.Written} clauses ({result.Words} words) written to {path}; {result.HeldOut} held-out sentences left out");
            return CommandErrors.Success;
        });
        return command;
    }
}
