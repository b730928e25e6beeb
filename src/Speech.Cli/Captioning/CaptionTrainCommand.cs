using System.CommandLine;
using Speech.Captioning.Training;
using Speech.Cli.Hosting;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption train --config C --manifest M [--audio-only A] [--teacher-targets T] --out DIR</c>.</summary>
public static class CaptionTrainCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (CaptionConfig), training: and objective: sections.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Captioned training cuts (extra 'captions', or text).", Required = true };
        var audioOnly = new Option<string?>("--audio-only") { Description = "Cuts without captions; they add to the KD terms only." };
        var targets = new Option<string?>("--teacher-targets") { Description = "The teacher's cached captions and clip embeddings (speech caption targets), for the KD terms." };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.json, checkpoints/, metrics.jsonl, model/.", Required = true };
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a caption model (teacher or student); resumable: rerun the same command after a kill.")
        { config, manifest, audioOnly, targets, output, overrides };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string outDir = parse.GetValue(output)!;
            var recipe = CaptionRecipe.Load(parse.GetValue(config)!, parse.GetValue(overrides), outDir);
            var result = ConsoleProgress.Run(verb.Output, "caption train",
                progress => recipe.Train(parse.GetValue(manifest)!, parse.GetValue(audioOnly), outDir, parse.GetValue(targets), verb.Device, progress));
            if (result.Training.AlreadyComplete) verb.Output.WriteLine($"already trained to step {result.Training.Steps}; model rewritten from the last checkpoint");
            verb.Output.WriteLine($"{result.Training.Steps} steps ({result.Training.SkippedSteps} skipped) on {result.Cuts} cuts ({result.AudioOnly} audio-only); " +
                                  $"{result.Parameters:N0} parameters, {result.Vocabulary} words; model written to {result.ModelFolder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
