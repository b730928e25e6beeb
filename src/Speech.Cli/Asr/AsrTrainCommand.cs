using System.CommandLine;
using Speech.Asr.Ctc;
using Speech.Cli.Hosting;
using Speech.Core.Config;

namespace Speech.Cli.Asr;

/// <summary><c>speech asr train --config conf/ctc.yaml --manifest M --out DIR</c>: a CTC model over
/// the transcripts' characters, with the shared trainer; resumable; the final model in OUT/model.</summary>
public static class AsrTrainCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (CtcConfig keys) and training: sections.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training cuts with transcripts.", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.json, checkpoints/, metrics.jsonl, model/.", Required = true };
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a CTC model on a manifest (resumable: rerun the same command after a kill).") { config, manifest, output, overrides };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var recipe = RecipeConfig.Load(parse.GetValue(config)!, parse.GetValue(overrides));
            using var run = CtcTrainingRun.Prepare(recipe, parse.GetValue(manifest)!, parse.GetValue(output)!, verb.Device,
                message => verb.Error.WriteLine($"warning: {message}"));
            TrainingReport.Print(verb.Output, ConsoleProgress.Run(verb.Output, "asr train", run.Train), run.ModelFolder);
            return CommandErrors.Success;
        });
        return command;
    }
}
