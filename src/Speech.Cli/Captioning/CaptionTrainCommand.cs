using System.CommandLine;
using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Captioning.Training;
using Speech.Cli.Hosting;
using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Runtime;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption train --config C --manifest M [--audio-only A] [--teacher-targets T] --out DIR</c>.</summary>
public static class CaptionTrainCommand
{
    public static readonly string[] Sections = ["model", "training", "objective"];

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
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            var recipe = RecipeConfig.Load(parse.GetValue(config)!, parse.GetValue(overrides));
            recipe.RequireOnlySections(Sections);
            var modelConfig = recipe.Section<CaptionConfig>("model");
            if (modelConfig.VocabSize != 0) throw new ConfigException($"{recipe.Path}: model.vocab_size is set from the training captions; leave it out");
            var training = recipe.Section<CaptionTrainingOptions>("training");
            var objective = recipe.Section<CaptionObjectiveOptions>("objective");
            string outDir = parse.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"), recipe.ToResolvedYaml(
                new Dictionary<string, object> { ["model"] = modelConfig, ["training"] = training, ["objective"] = objective }));
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            if (parse.GetValue(audioOnly) is { } extra) cuts.AddRange(Manifest.Read(extra));
            var run = new CaptionTrainingRun(modelConfig, training, objective);
            var writer = parse.InvocationConfiguration.Output;
            var result = ConsoleProgress.Run(writer, "caption train", progress => run.Run(cuts, outDir, parse.GetValue(targets), device, progress));
            if (result.Training.AlreadyComplete) writer.WriteLine($"already trained to step {result.Training.Steps}; model rewritten from the last checkpoint");
            writer.WriteLine($"{result.Training.Steps} steps ({result.Training.SkippedSteps} skipped) on {result.Cuts} cuts ({result.AudioOnly} audio-only); " +
                             $"{result.Parameters:N0} parameters, {result.Vocabulary} words; model written to {result.ModelFolder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
