using System.CommandLine;
using Speech.Asr.BertCtc;
using Speech.Cli.Hosting;
using Speech.Core.Text.Bert;
using TorchSharp;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert-kd targets --bert DIR --manifest M --out DIR [--shard i/N]</c>: one shard of
/// soft labels (resumable; a separate process per shard).</summary>
public static class BertKdTargetsCommand
{
    public static Command Build()
    {
        var bert = new Option<string>("--bert") { Description = "The teacher: a BERT folder (config.json, model.safetensors, vocab.txt).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts whose transcripts get soft labels.", Required = true };
        var output = new Option<string>("--out") { Description = "Target store: store.json, targets.i-of-N.jsonl and .done markers.", Required = true };
        var topK = new Option<int>("--top-k") { Description = "Ids kept per token, special tokens excluded (Futami et al.: 8).", DefaultValueFactory = _ => 8 };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature over the kept logits (Futami et al.: 3).", DefaultValueFactory = _ => 3.0 };
        var context = new Option<int>("--context") { Description = "Neighbouring transcripts of the same speaker on each side as BERT context (0: the utterance alone).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch-size") { Description = "Masked copies run through the BERT together.", DefaultValueFactory = _ => 64 };
        var shard = new ShardOptions();
        var command = new Command("targets", "Mask each WordPiece of each transcript in turn and store the BERT's top-k distribution (sharded, resumable).")
            { bert, manifest, output, topK, temperature, context, batch };
        shard.AddTo(command);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var spec = shard.Read(parse);
            var (model, vocabulary) = BertFolder.Load(parse.GetValue(bert)!);
            using var owned = model;
            model.to(verb.Device);
            var options = new BertSoftLabelOptions { TopK = parse.GetValue(topK), Temperature = parse.GetValue(temperature), ContextSentences = parse.GetValue(context) };
            var job = new BertSoftLabelJob(model, vocabulary, options, parse.GetValue(batch));
            var outcome = ConsoleProgress.Run(verb.Output, $"bert-kd targets {spec}", p => job.Run(parse.GetValue(manifest)!, parse.GetValue(output)!, spec, p));
            verb.Output.WriteLine(outcome.WasComplete
                ? $"shard {spec} was already complete ({outcome.ShardCuts} cuts); nothing to do"
                : $"shard {spec}: {outcome.ShardCuts} cuts, {outcome.AlreadyDone} already done, {outcome.Labelled} labelled now; " +
                  $"{outcome.UnknownWords} words [UNK] (not in the BERT's vocabulary) in those labelled now");
            return CommandErrors.Success;
        });
        return command;
    }
}
