using Speech.Captioning.Data;
using Speech.Captioning.Kd;
using Speech.Captioning.Model;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Training;

/// <summary>One captioning training run (teacher or student) with the shared trainer: the word
/// vocabulary fixed in the run folder on the first run (from the training captions, or the
/// teacher's when given, so teacher captions never fall outside it), the model and, for
/// encoder-level KD, its projection head; resumable from the run's checkpoints. The final model
/// folder is OUT/model.</summary>
public sealed class CaptionTrainingRun(CaptionConfig modelConfig, CaptionTrainingOptions training, CaptionObjectiveOptions objective)
{
    public sealed record Result(TrainingResult Training, string ModelFolder, int Vocabulary, long Parameters, int Cuts, int AudioOnly);

    /// <param name="cuts">Captioned cuts, and audio-only cuts (neither captions nor text) when audio-only data is used.</param>
    /// <param name="teacherTargets">Cached teacher outputs (JSONL), needed for the KD terms.</param>
    public Result Run(IReadOnlyList<Cut> cuts, string outputDirectory, string? teacherTargets, Device device, IProgress<WorkProgress>? progress = null)
    {
        if (cuts.Count == 0) throw new ManifestException("no cuts to train on");
        Dictionary<string, TeacherTarget>? teacher = null;
        if (objective.NeedsTeacher)
            teacher = TeacherTargetJob.Read(teacherTargets ?? throw new ConfigException("the objective uses KD terms: give the teacher targets"));
        int audioOnly = cuts.Count(c => !HasCaption(c));
        if (audioOnly > 0 && !objective.NeedsTeacher)
            throw new ConfigException($"{audioOnly} cuts have no caption, and without KD terms they would teach nothing; remove them or enable seq_kd/enc_kd");
        Directory.CreateDirectory(outputDirectory);
        var vocabulary = Vocabulary(outputDirectory, cuts, teacher);
        var config = modelConfig with { VocabSize = vocabulary.Size };

        manual_seed(training.Seed);
        using var model = new CaptionModel(config);
        int teacherDim = teacher?.Values.FirstOrDefault()?.Embedding.Length ?? 0;
        if (objective.EncoderKd != EncoderKdKind.None && teacherDim == 0)
            throw new ConfigException($"enc_kd {objective.EncoderKd}: the teacher targets hold no clip embeddings ({teacherTargets})");
        var head = objective.EncoderKd == EncoderKdKind.None ? null
            : new EncoderKdHead(objective.EncoderKd, config.EncoderDim, teacherDim, objective.SharedDim, objective.LogitScale);
        using var student = new CaptionKdStudent(model, head);
        student.to(device);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = training.MaxDuration, Seed = training.Seed });
        var augment = training.SpecAugment
            ? new SpecAugmentOptions { FrequencyMasks = 2, MaxFrequencyWidth = 8, TimeMasks = 2, MaxTimeWidth = 20, MaxTimeProportion = 0.2 }
            : null;
        using var builder = new CaptionBatchBuilder(vocabulary, config, teacher, augment, training.Seed, device);
        using var source = new SamplerBatchSource<CaptionBatch>(sampler, builder.Build);
        var options = new TrainerOptions
        {
            OutputDirectory = outputDirectory, MaxSteps = training.Steps, LearningRate = training.LearningRate, WarmupSteps = training.Warmup,
            Schedule = training.Schedule, WeightDecay = training.WeightDecay, Seed = training.Seed, CheckpointEvery = training.CheckpointEvery,
            TensorBoard = false,
        };
        var trainer = new Trainer<CaptionBatch>(student, new CaptionObjective(student, objective), source, options, config.ToJson);
        var result = trainer.Run(progress);
        if (result.AlreadyComplete && result.LastCheckpoint is { } last) // the trainer returned before loading any weights
            SafetensorsState.LoadInto(student, [SafetensorsFile.Open(Path.Combine(last, CheckpointStore.ModelFile))]);
        model.eval();
        string final = Path.Combine(outputDirectory, "model");
        CaptionCheckpoint.Save(model, vocabulary, final);
        long parameters = model.parameters().Sum(p => p.numel());
        return new Result(result, final, vocabulary.Size, parameters, cuts.Count, audioOnly);
    }

    public static bool HasCaption(Cut cut) =>
        cut.Extras?.ContainsKey(CaptionTextFiles.CaptionsExtra) == true || !string.IsNullOrWhiteSpace(cut.Text);

    static CaptionVocabulary Vocabulary(string folder, IReadOnlyList<Cut> cuts, Dictionary<string, TeacherTarget>? teacher)
    {
        if (File.Exists(Path.Combine(folder, CaptionVocabulary.FileName))) return CaptionVocabulary.Load(folder);
        var captions = cuts.Where(HasCaption).SelectMany(c => CaptionTextFiles.CutCaptions(c, "manifest"));
        if (teacher is not null) captions = captions.Concat(teacher.Values.Select(t => t.Caption));
        var vocabulary = CaptionVocabulary.Build(captions);
        vocabulary.Save(folder);
        return vocabulary;
    }
}
