using System.CommandLine;
using Speech.Asr.BertCtc;
using Speech.Cli.Hosting;

namespace Speech.Cli.BertCtc;

/// <summary><c>speech bert-kd train --config C --manifest M --bert DIR --targets STORE --out DIR</c>.</summary>
public static class BertKdTrainCommand
{
    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (CtcConfig), training: (CtcTrainingOptions) and kd: (BertCtcOptions) sections.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training cuts with transcripts.", Required = true };
        var bert = new Option<string?>("--bert") { Description = "The teacher BERT folder (its vocab.txt sizes the decoders and must match the targets); not needed with kd.weight=0." };
        var targets = new Option<string?>("--targets") { Description = "The soft-label store (speech bert-kd targets); not needed with kd.weight=0." };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.json, checkpoints/, metrics.jsonl, model/ (the CTC model alone).", Required = true };
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable), e.g. kd.final_only=true or kd.weight=0.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a CTC student with auxiliary attention decoders learning the BERT's soft labels (resumable; the decoders are not exported).")
            { config, manifest, bert, targets, output, overrides };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var result = ConsoleProgress.Run(verb.Output, "bert-kd train", progress => BertCtcTrainingRun.Run(parse.GetValue(config)!, parse.GetValue(overrides),
                parse.GetValue(manifest)!, parse.GetValue(bert), parse.GetValue(targets), parse.GetValue(output)!, verb.Device, verb.Error.WriteLine, progress));
            if (result.Training.AlreadyComplete) verb.Output.WriteLine($"already trained to step {result.Training.Steps}; model rewritten from the last checkpoint");
            string decoders = result.DecoderLayers.Count == 0 ? "no decoders (CTC baseline)" : $"decoders on encoder layers {string.Join(", ", result.DecoderLayers)}";
            verb.Output.WriteLine($"{result.Training.Steps} steps ({result.Training.SkippedSteps} skipped) on {result.Cuts} cuts, {decoders}; " +
                                  $"{result.TrainingParameters:N0} parameters in training, {result.ExportedParameters:N0} exported; " +
                                  $"{result.UnknownWords} transcript words were [UNK] to the BERT; model written to {result.ModelFolder}");
            return CommandErrors.Success;
        });
        return command;
    }
}
