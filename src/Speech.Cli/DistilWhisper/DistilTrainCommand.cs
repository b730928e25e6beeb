using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;
using Speech.Cli.Whisper;
using Speech.Core.Training;
using Speech.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper train</c>: KD of the student on the filtered pseudo-labels
/// with the teacher frozen on the same device; resumable; writes OUT/model.</summary>
public static class DistilTrainCommand
{
    public static Command Build()
    {
        var student = new Option<string>("--student") { Description = "Student folder from init-student.", Required = true };
        var teacher = new Option<string>("--teacher") { Description = "Teacher Whisper folder or ggml file.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Filtered manifest with extra.pseudo_label.", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder (checkpoints/, metrics.jsonl, model/).", Required = true };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps.", DefaultValueFactory = _ => 1000 };
        var rate = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 1e-4 };
        var warmup = new Option<long>("--warmup") { Description = "Warm-up steps, then linear decay.", DefaultValueFactory = _ => 50 };
        var maxDuration = new Option<double>("--max-duration") { Description = "Seconds of audio per batch.", DefaultValueFactory = _ => 60 };
        var plWeight = new Option<double>("--pl-weight") { Description = "Weight of the pseudo-label CE.", DefaultValueFactory = _ => 0.8 };
        var klWeight = new Option<double>("--kl-weight") { Description = "Weight of T²·KL(teacher ‖ student).", DefaultValueFactory = _ => 1.0 };
        var temperature = new Option<double>("--temperature") { Description = "KL temperature.", DefaultValueFactory = _ => 2.0 };
        var trainEncoder = new Option<bool>("--train-encoder") { Description = "Also train the encoder (then it is not shared with the teacher)." };
        var previous = new Option<double>("--condition-on-prev-probability")
        {
            Description = "Share of cuts trained after a <|startofprev|> prompt holding the same speaker's previous label (distil-whisper: 0.2); 0 turns it off.",
            DefaultValueFactory = _ => 0.2,
        };
        var precision = PrecisionOption.Create("fp32 or bf16: the student trains with float32 master weights and the frozen teacher runs in the same precision (losses in float32);");
        var seed = new Option<int>("--seed") { Description = "Seed of shuffling and dropout.", DefaultValueFactory = _ => 1234 };
        var keepLast = new Option<int>("--keep-last") { Description = "Step checkpoints kept (one every 100 steps; older ones are deleted).", DefaultValueFactory = _ => 3 };
        var dropout = new Whisper.WhisperDropoutOptions();
        var command = new Command("train", "Train the student on the teacher's pseudo-labels and distributions (resumable).")
            { student, teacher, manifest, output, steps, rate, warmup, maxDuration, plWeight, klWeight, temperature, trainEncoder, previous, precision, seed, keepLast };
        foreach (var option in dropout.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            using var studentModel = WhisperModelFiles.Load(parse.GetValue(student)!);
            using var teacherModel = WhisperModelFiles.Load(parse.GetValue(teacher)!);
            dropout.Apply(parse, studentModel);
            studentModel.to(device);
            teacherModel.to(device);
            bool bf16 = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, device) == Precision.Bf16;
            if (bf16) teacherModel.to(ScalarType.BFloat16); // frozen: no master weights needed
            bool share = !parse.GetValue(trainEncoder);
            if (share) StudentInitializer.FreezeEncoder(studentModel);
            var objective = new DistilWhisperObjective(studentModel, teacherModel, new DistilWhisperOptions
            {
                PlWeight = parse.GetValue(plWeight), KlWeight = parse.GetValue(klWeight), Temperature = parse.GetValue(temperature), ShareEncoder = share,
            });
            var options = new TrainerOptions
            {
                OutputDirectory = parse.GetValue(output)!, MaxSteps = parse.GetValue(steps), LearningRate = parse.GetValue(rate),
                WarmupSteps = parse.GetValue(warmup), Seed = parse.GetValue(seed), CheckpointEvery = 100, KeepLast = parse.GetValue(keepLast),
                Precision = bf16 ? Precision.Bf16 : Precision.Fp32,
            };
            WhisperTrainingRun.Run(parse.InvocationConfiguration.Output, "distil-whisper train", studentModel, objective,
                parse.GetValue(manifest)!, PseudoLabelMerge.LabelOf, parse.GetValue(maxDuration), device, options,
                cuts =>
                {
                    var prompts = new PreviousTextPrompts(cuts, PseudoLabelMerge.LabelOf, parse.GetValue(previous), parse.GetValue(seed));
                    parse.InvocationConfiguration.Output.WriteLine($"{prompts.Count} of {cuts.Count} cuts train after a previous-text prompt");
                    return prompts.Of;
                });
            // A frozen encoder is still the one the student folder's CTC head (the teacher's) reads.
            if (share && WhisperCtcHead.CopyFiles(parse.GetValue(student)!, Path.Combine(parse.GetValue(output)!, "model")))
                parse.InvocationConfiguration.Output.WriteLine("the CTC head is kept beside the trained student (its encoder stayed frozen)");
            return CommandErrors.Success;
        });
        return command;
    }
}
