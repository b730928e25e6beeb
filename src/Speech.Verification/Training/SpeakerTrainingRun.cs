using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Training;
using Speech.Verification.Model;

namespace Speech.Verification.Training;

/// <summary>Trains a speaker model with the toolkit's <see cref="Trainer{TBatch}"/> and writes the
/// final model folder to <c>OUT/model</c> (plus <c>speakers.txt</c>, the class order). Resumable:
/// a killed run continues from its last checkpoint; a finished one is left as it is.</summary>
public static class SpeakerTrainingRun
{
    public sealed record Outcome(string ModelFolder, bool AlreadyDone, long Steps, IReadOnlyDictionary<string, double> LastLosses, long Parameters);

    public static Outcome Run(SpeakerTrainingOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        string modelFolder = Path.Combine(options.OutputDirectory, "model");
        if (File.Exists(Path.Combine(modelFolder, SpeakerModelFolder.WeightsFile)))
        {
            using var done = SpeakerModelFolder.Load(modelFolder);
            return new Outcome(modelFolder, true, options.Steps, new Dictionary<string, double>(), done.ParameterCount);
        }
        var data = SpeakerFeatureSet.Load(options.TrainManifest, options.Model.FeatureDim);
        if (data.Speakers.Count < 2) throw new ManifestException($"{options.TrainManifest}: training needs at least two speakers, found {data.Speakers.Count}");
        var config = (options.Model with { NumSpeakers = data.Speakers.Count }).Validated();

        TorchSharp.torch.manual_seed(options.Seed);
        using var model = new SpeakerTransformer(config);
        using var teacher = options.Distillation == DistillationKind.None ? null : LoadTeacher(options, data);
        var objective = new SpeakerObjective(model, teacher, options.Distillation, options.Alpha, options.Temperature);
        var source = new SpeakerBatchSource(data, options.BatchSize, options.MaxFrames, options.Seed);
        var trainer = new Trainer<SpeakerBatch>(model, objective, source, new TrainerOptions
        {
            OutputDirectory = options.OutputDirectory, MaxSteps = options.Steps, LearningRate = options.LearningRate,
            WarmupSteps = options.WarmupSteps, WeightDecay = options.WeightDecay, Schedule = ScheduleKind.Cosine,
            CheckpointEvery = options.CheckpointEvery, KeepLast = 1, Seed = options.Seed, TensorBoard = false, LogEvery = 20,
        }, () => config.ToJson());
        var result = trainer.Run(progress, cancellation);
        Directory.CreateDirectory(options.OutputDirectory);
        AtomicFile.WriteText(Path.Combine(options.OutputDirectory, "speakers.txt"), string.Join('\n', data.Speakers) + "\n");
        SpeakerModelFolder.Save(model, modelFolder);
        return new Outcome(modelFolder, false, result.Steps, result.LastLosses, model.ParameterCount);
    }

    static SpeakerTransformer LoadTeacher(SpeakerTrainingOptions options, SpeakerFeatureSet data)
    {
        if (options.TeacherFolder is null) throw new ConfigException($"{options.Distillation} distillation needs a teacher folder");
        var teacher = SpeakerModelFolder.Load(options.TeacherFolder);
        if (teacher.Config.NumSpeakers != data.Speakers.Count)
        {
            teacher.Dispose();
            throw new ConfigException($"{options.TeacherFolder}: the teacher knows {teacher.Config.NumSpeakers} speakers, {options.TrainManifest} has {data.Speakers.Count}");
        }
        return teacher;
    }
}
