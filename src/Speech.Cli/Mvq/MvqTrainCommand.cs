using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;
using Speech.Core.Config;
using Speech.Core.Errors;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq train --config C --manifest M [--targets DIR | --teacher DIR --layer L --quantizer Q] [--quantizer-id ID] --out DIR</c>:
/// a CTC student with MVQ-KD (mvq.kind mvq), regression KD (l2, l1) or none (the baseline).</summary>
public static class MvqTrainCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (CtcConfig), training: (CtcTrainingOptions) and mvq: (MvqKdOptions).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training cuts with transcripts.", Required = true };
        var targets = new Option<string?>("--targets") { Description = "Teacher targets: the index store (mvq.kind mvq) or the embeddings folder (l2, l1); none for the baseline. " +
                          "With mvq.kind mvq it may be left out when the manifest's cuts reference their indexes ('speech mvq attach')." };
        var teacher = new Option<string?>("--teacher")
        {
            Description = "Instead of --targets (mvq.kind mvq): the teacher folder, run with --quantizer on each batch's audio inside training " +
                          "(\"on the fly\"; slower, to measure what the cached index store saves, or when there is no room to cache).",
        };
        var layer = new Option<int>("--layer") { Description = "With --teacher: its encoder block, 1-based (the one the quantizer was trained on).", DefaultValueFactory = _ => 0 };
        var quantizer = new Option<string?>("--quantizer") { Description = "With --teacher: the trained quantizer file (mvq train-quantizer's output)." };
        var quantizerId = new Option<string?>("--quantizer-id") { Description = "Refuse indexes of any other quantizer (its 8-hex-digit id)." };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.json, checkpoints/, metrics.jsonl, model/.", Required = true };
        var every = new MvqCutSelection().Every; // the same --every as the other mvq verbs
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a CTC student with MVQ-KD, L2/L1 KD or none; resumable: rerun the same command after a kill.")
            { config, manifest, targets, teacher, layer, quantizer, quantizerId, output, every, overrides };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var recipe = RecipeConfig.Load(parse.GetValue(config)!, parse.GetValue(overrides));
            LiveTeacherTargets? live = null;
            if (parse.GetValue(teacher) is { } teacherFolder)
            {
                if (parse.GetValue(quantizer) is not { } quantizerPath || parse.GetValue(layer) < 1)
                    throw new ConfigException("--teacher needs --quantizer and --layer (1-based)");
                live = new LiveTeacherTargets(teacherFolder, parse.GetValue(layer), quantizerPath);
            }
            else if (parse.GetValue(quantizer) is not null) throw new ConfigException("--quantizer goes with --teacher");
            using var run = MvqTrainingRun.Prepare(recipe, parse.GetValue(manifest)!, parse.GetValue(targets), parse.GetValue(quantizerId),
                parse.GetValue(output)!, verb.Device, verb.Notes, parse.GetValue(every), live);
            var result = ConsoleProgress.Run(verb.Output, "mvq train", p => run.Train(p));
            if (result.Training.AlreadyComplete) verb.Output.WriteLine($"already trained to step {result.Training.Steps}; model rewritten from the last checkpoint");
            verb.Output.WriteLine($"{result.Training.Steps} steps ({result.Training.SkippedSteps} skipped), KD {result.Kind} on layer {result.Layer}, " +
                                  $"{result.Cuts} cuts, {result.MissingTargets} without teacher targets; model written to {result.ModelFolder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
