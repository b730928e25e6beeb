using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Training;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Cli.Whisper;

/// <summary>What `whisper train` and `distil-whisper train` share: bucketed batches of a manifest,
/// the trainer with a progress bar, and the final model written as OUT/model.</summary>
public static class WhisperTrainingRun
{
    public static void Run(TextWriter writer, string title, WhisperModel model, IObjective<WhisperBatch> objective,
        string manifestPath, Func<Cut, string?>? textOf, double maxDuration, Device device, TrainerOptions options)
    {
        var cuts = Manifest.Read(manifestPath).ToList();
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = maxDuration, Seed = (int)options.Seed });
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), model.Config, device, textOf);
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var trainer = new Trainer<WhisperBatch>(model, objective, source, options, model.Config.ToJson);
        var result = ConsoleProgress.Run(writer, title, progress => trainer.Run(progress));
        if (result.AlreadyComplete) writer.WriteLine($"already trained to step {result.Steps} ({result.LastCheckpoint}); nothing to do");
        model.to(ScalarType.Float32);
        string final = Path.Combine(options.OutputDirectory, "model");
        WhisperCheckpoint.Save(model, final);
        writer.WriteLine($"{result.Steps} steps ({result.SkippedSteps} skipped); model written to {final}");
    }
}
