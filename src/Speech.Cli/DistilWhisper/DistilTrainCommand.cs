using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;

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
        var keepLast = new Option<int>("--keep-last") { Description = "Step checkpoints kept (one every 100 steps; older ones are deleted).", DefaultValueFactory = _ => 3 };
        var dropout = new Whisper.WhisperDropoutOptions();
        var command = new Command("train", "Train the student on the teacher's pseudo-labels and distributions (resumable).")
            { student, teacher, manifest, output, steps, rate, warmup, maxDuration, plWeight, klWeight, temperature, trainEncoder, previous, precision, keepLast };
        foreach (var option in dropout.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var options = new DistilWhisperTrainOptions(parse.GetValue(student)!, parse.GetValue(teacher)!, parse.GetValue(manifest)!, parse.GetValue(output)!)
            {
                Steps = parse.GetValue(steps), KeepLast = parse.GetValue(keepLast), LearningRate = parse.GetValue(rate), Warmup = parse.GetValue(warmup), MaxDuration = parse.GetValue(maxDuration),
                Loss = new DistilWhisperOptions
                {
                    PlWeight = parse.GetValue(plWeight), KlWeight = parse.GetValue(klWeight), Temperature = parse.GetValue(temperature),
                    ShareEncoder = !parse.GetValue(trainEncoder),
                },
                PreviousTextProbability = parse.GetValue(previous), Seed = verb.Seed, Dropout = dropout.Read(parse),
                Precision = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, verb.Device),
            };
            using var run = DistilWhisperTraining.Prepare(options, verb.Device, verb.Notes);
            TrainingReport.Print(verb.Output, ConsoleProgress.Run(verb.Output, "distil-whisper train", run.Train), run.ModelFolder);
            // A frozen encoder is still the one the student folder's CTC head (the teacher's) reads.
            if (DistilWhisperTraining.KeepCtcHead(options, run.ModelFolder))
                verb.Output.WriteLine("the CTC head is kept beside the trained student (its encoder stayed frozen)");
            return CommandErrors.Success;
        });
        return command;
    }
}
