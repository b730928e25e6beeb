using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Runtime;
using Speech.Core.Text;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>A CTC model over the transcripts' characters trained from a recipe (<c>model:</c> and
/// <c>training:</c> sections) with the shared trainer: <see cref="Prepare"/> fixes the vocabulary,
/// writes <c>config.resolved.yaml</c> and builds model and batches; <see cref="Train"/> runs (or
/// resumes) and writes the final model to <see cref="ModelFolder"/>.</summary>
public sealed class CtcTrainingRun : IDisposable
{
    public static readonly string[] Sections = { "model", "training" };

    /// <summary>SpecAugment of the training features when <c>training.spec_augment</c> is on: two
    /// frequency masks up to 15 bins and two time masks up to 20 frames and 20 % of the input.</summary>
    public static readonly SpecAugmentOptions SpecAugment = new() { FrequencyMasks = 2, MaxFrequencyWidth = 15, TimeMasks = 2, MaxTimeWidth = 20, MaxTimeProportion = 0.2 };

    readonly CtcModel model;
    readonly CtcBatchBuilder builder;
    readonly SamplerBatchSource<AsrBatch> source;
    readonly Trainer<AsrBatch> trainer;
    readonly CtcVocabulary vocabulary;

    CtcTrainingRun(CtcModel model, CtcBatchBuilder builder, SamplerBatchSource<AsrBatch> source, Trainer<AsrBatch> trainer, CtcVocabulary vocabulary, string modelFolder)
    {
        this.model = model;
        this.builder = builder;
        this.source = source;
        this.trainer = trainer;
        this.vocabulary = vocabulary;
        ModelFolder = modelFolder;
    }

    /// <summary>OUT/model: the final model and its vocabulary.</summary>
    public string ModelFolder { get; }

    /// <param name="warn">Told when the recipe's precision is bf16 on a device that only emulates it.</param>
    public static CtcTrainingRun Prepare(RecipeConfig recipe, string manifestPath, string outDir, Device device, Action<string>? warn = null)
    {
        recipe.RequireOnlySections(Sections);
        var training = recipe.Section<CtcTrainingOptions>("training");
        var precision = PrecisionChoice.Resolve(training.Precision, device, $"{recipe.Path}: training.precision",
            message => warn?.Invoke($"{recipe.Path}: training.precision: {message}"));
        Directory.CreateDirectory(outDir);
        var cuts = Manifest.Read(manifestPath).ToList();
        var vocabulary = Vocabulary(outDir, cuts);
        var modelConfig = recipe.Section<CtcConfig>("model");
        if (modelConfig.VocabSize != new CtcConfig().VocabSize)
            throw new ConfigException($"{recipe.Path}: model.vocab_size is set from the training transcripts ({vocabulary.Size} units); leave it out");
        modelConfig = modelConfig with { VocabSize = vocabulary.Size };
        AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"),
            recipe.ToResolvedYaml(new Dictionary<string, object> { ["model"] = modelConfig, ["training"] = training }));

        manual_seed(training.Seed);
        var model = new CtcModel(modelConfig);
        model.to(device);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = training.MaxDuration, Seed = training.Seed });
        var builder = new CtcBatchBuilder(vocabulary, modelConfig.FeatureDim, training.SpecAugment ? SpecAugment : null, training.Seed, device);
        var source = new SamplerBatchSource<AsrBatch>(sampler, builder.Build);
        var options = new TrainerOptions
        {
            OutputDirectory = outDir, MaxSteps = training.Steps, LearningRate = training.LearningRate, WarmupSteps = training.Warmup,
            Schedule = training.Schedule, WeightDecay = training.WeightDecay, Precision = precision, Seed = training.Seed,
            CheckpointEvery = training.CheckpointEvery, KeepLast = training.KeepLast,
        };
        var trainer = new Trainer<AsrBatch>(model, new CtcObjective(model), source, options, modelConfig.ToJson);
        return new CtcTrainingRun(model, builder, source, trainer, vocabulary, Path.Combine(outDir, "model"));
    }

    /// <summary>Trains (or resumes, or finds the run complete) and writes the float32 model to <see cref="ModelFolder"/>.</summary>
    public TrainingResult Train(IProgress<WorkProgress>? progress = null)
    {
        var result = trainer.Run(progress);
        model.to(ScalarType.Float32);
        CtcCheckpoint.Save(model, vocabulary, ModelFolder);
        return result;
    }

    /// <summary>The characters of the transcripts, fixed in the run folder on the first run so a
    /// resumed run (or one on a grown manifest) keeps the same output units.</summary>
    internal static CtcVocabulary Vocabulary(string outDir, IReadOnlyList<Cut> cuts)
    {
        if (File.Exists(Path.Combine(outDir, CtcVocabulary.FileName))) return CtcVocabulary.Load(outDir);
        var missing = cuts.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Text));
        if (missing is not null) throw new ManifestException($"cut '{missing.Id}' has no transcript to train on");
        var vocabulary = new CtcVocabulary(CharacterTokenizer.Train(cuts.Select(c => c.Text!)));
        vocabulary.Save(outDir);
        return vocabulary;
    }

    public void Dispose()
    {
        source.Dispose();
        builder.Dispose();
        model.Dispose();
    }
}
