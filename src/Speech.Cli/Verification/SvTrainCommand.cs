using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Model;
using Speech.Verification.Training;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv train --train M --arch A.json --out DIR [--teacher T --distillation hard|soft]</c>.</summary>
public static class SvTrainCommand
{
    public static Command Build()
    {
        var train = new Option<string>("--train") { Description = "Training manifest (cuts with speakers).", Required = true };
        var arch = new Option<string>("--arch") { Description = "Architecture: a speaker-transformer config.json (num_speakers is taken from the data).", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder (checkpoints/, metrics.jsonl, model/).", Required = true };
        var teacher = new Option<string?>("--teacher") { Description = "Trained teacher model folder (frozen), for --distillation hard|soft." };
        var kind = new Option<string>("--distillation") { Description = "none (class token and labels only), hard (teacher argmax) or soft (T^2 KL).", DefaultValueFactory = _ => "none" };
        kind.AcceptOnlyFromAmong("none", "hard", "soft");
        var alpha = new Option<double>("--alpha") { Description = "Weight of the distillation term; the class CE gets 1 - alpha.", DefaultValueFactory = _ => 0.5 };
        var temperature = new Option<double>("--temperature") { Description = "Soft distillation temperature.", DefaultValueFactory = _ => 1.0 };
        var steps = new Option<long>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch-size") { Description = "Utterances per step.", DefaultValueFactory = _ => 32 };
        var maxFrames = new Option<int>("--max-frames") { Description = "Random training crop length in fbank frames (10 ms).", DefaultValueFactory = _ => 300 };
        var rate = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, warm-up then cosine).", DefaultValueFactory = _ => 1e-3 };
        var warmup = new Option<long>("--warmup") { Description = "Warm-up steps.", DefaultValueFactory = _ => 100 };
        var command = new Command("train", "Train a speaker model (resumable: rerun after a kill continues; after success it skips).")
            { train, arch, output, teacher, kind, alpha, temperature, steps, batch, maxFrames, rate, warmup };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            string archPath = parse.GetValue(arch)!;
            if (!File.Exists(archPath)) throw new Speech.Core.Errors.ConfigException($"{archPath}: architecture file not found");
            var options = new SpeakerTrainingOptions
            {
                TrainManifest = parse.GetValue(train)!, OutputDirectory = parse.GetValue(output)!,
                Model = SpeakerTransformerConfig.FromJson(File.ReadAllText(archPath), archPath), TeacherFolder = parse.GetValue(teacher),
                Distillation = Enum.Parse<DistillationKind>(parse.GetValue(kind)!, ignoreCase: true), Alpha = parse.GetValue(alpha),
                Temperature = parse.GetValue(temperature), Steps = parse.GetValue(steps), BatchSize = parse.GetValue(batch),
                MaxFrames = parse.GetValue(maxFrames), LearningRate = parse.GetValue(rate), WarmupSteps = parse.GetValue(warmup), Seed = parse.GetValue(GlobalOptions.Seed),
            };
            var writer = parse.InvocationConfiguration.Output;
            var outcome = ConsoleProgress.Run(writer, "sv train", p => SpeakerTrainingRun.Run(options, p));
            writer.WriteLine(outcome.AlreadyDone
                ? $"{outcome.ModelFolder} is already trained; nothing to do"
                : $"{outcome.ModelFolder}: {outcome.Steps} steps, {outcome.Parameters:N0} parameters, last losses " +
                  string.Join(", ", outcome.LastLosses.Select(l => $"{l.Key} {l.Value:F4}")));
            return CommandErrors.Success;
        });
        return command;
    }
}
