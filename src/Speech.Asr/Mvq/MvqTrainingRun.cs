using Speech.Asr.Ctc;
using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Runtime;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A CTC student trained with MVQ-KD, L2/L1 regression KD or neither (the baseline) from a
/// recipe with <c>model:</c>, <c>training:</c> and <c>mvq:</c> sections, by the shared trainer;
/// the final CTC model goes to OUT/model (the KD head is training-only).</summary>
public sealed class MvqTrainingRun : IDisposable
{
    public static readonly string[] Sections = { "model", "training", "mvq" };

    readonly MvqStudent student;
    readonly MvqBatchBuilder builder;
    readonly SamplerBatchSource<MvqBatch> source;
    readonly Trainer<MvqBatch> trainer;
    readonly CtcVocabulary vocabulary;
    readonly IDisposable? store;
    readonly MvqKdOptions options;
    readonly int cuts;

    MvqTrainingRun(MvqStudent student, MvqBatchBuilder builder, SamplerBatchSource<MvqBatch> source, Trainer<MvqBatch> trainer,
        CtcVocabulary vocabulary, IDisposable? store, MvqKdOptions options, int cuts, string modelFolder)
    {
        (this.student, this.builder, this.source, this.trainer, this.vocabulary, this.store, this.options, this.cuts) =
            (student, builder, source, trainer, vocabulary, store, options, cuts);
        ModelFolder = modelFolder;
    }

    public string ModelFolder { get; }

    /// <param name="targets">The index store (mvq) or embeddings folder (l2, l1); null for kind none, or for
    /// mvq when the manifest's cuts reference their indexes (<see cref="IndexReferences"/>).</param>
    /// <param name="quantizerId">With mvq: the quantizer the indexes must come from (null: the store's own).</param>
    /// <param name="every">Train on the cuts at positions 0, k, 2k, … of the manifest (4: a quarter, spread evenly).</param>
    /// <param name="live">With mvq, instead of <paramref name="targets"/>: the teacher and quantizer run in every step.</param>
    public static MvqTrainingRun Prepare(RecipeConfig recipe, string manifestPath, string? targets, string? quantizerId, string outDir,
        Device device, IProgress<string>? notes = null, int every = 1, LiveTeacherTargets? live = null)
    {
        recipe.RequireOnlySections(Sections);
        var training = recipe.Section<CtcTrainingOptions>("training");
        var options = recipe.Section<MvqKdOptions>("mvq");
        if (!MvqKdOptions.Kinds.Contains(options.Kind))
            throw new ConfigException($"{recipe.Path}: mvq.kind '{options.Kind}': expected one of {string.Join(", ", MvqKdOptions.Kinds)}");
        if (options.FrameRatio < 1) throw new ConfigException($"{recipe.Path}: mvq.frame_ratio must be at least 1");
        if (targets is not null && live is not null) throw new ConfigException("give the targets store or the live teacher, not both");
        if (live is not null && options.Kind != "mvq") throw new ConfigException($"the teacher run on the fly gives codebook indexes: mvq.kind mvq, not {options.Kind}");
        if (options.Kind == "none" && (targets is not null || live is not null)) throw new ConfigException("the baseline (mvq.kind none) takes no --targets");
        if (options.Kind is "l2" or "l1" && targets is null) throw new ConfigException($"mvq.kind {options.Kind} needs --targets (the embeddings folder)");
        var augment = training.SpecAugment ? CtcTrainingRun.SpecAugment : null;
        MvqKdObjective.RequireNoTimeWarp(augment, $"{recipe.Path}: training.spec_augment");
        var precision = PrecisionChoice.Resolve(training.Precision, device, $"{recipe.Path}: training.precision", m => notes?.Report(m));
        Directory.CreateDirectory(outDir);
        if (every < 1) throw new ConfigException($"--every {every}: must be at least 1");
        var cutList = Manifest.Read(manifestPath).Where((_, position) => position % every == 0).ToList();
        // MVQ-KD without --targets or a live teacher: the index store the manifest's cuts reference.
        if (options.Kind == "mvq" && targets is null && live is null) targets = IndexReferences.StoreOf(cutList, manifestPath);
        var vocabulary = CtcTrainingRun.Vocabulary(outDir, cutList); // the same characters rule as a plain CTC run
        var modelConfig = recipe.Section<CtcConfig>("model") with { VocabSize = vocabulary.Size };
        AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"),
            recipe.ToResolvedYaml(new Dictionary<string, object> { ["model"] = modelConfig, ["training"] = training, ["mvq"] = options }));

        ICodebookIndexSource? indexes = null;
        FeatureStore? embeddings = null;
        int width = 0;
        if (options.Kind == "mvq")
        {
            indexes = live is null ? CodebookIndexStore.Open(targets!, quantizerId) : OpenLive(live, quantizerId, device);
            width = options.FrameRatio * indexes.BytesPerFrame;
        }
        else if (options.Kind != "none")
        {
            embeddings = FeatureStore.Open(targets!);
            width = options.FrameRatio * embeddings.Layout.Dimension;
        }
        manual_seed(training.Seed);
        var student = new MvqStudent(new CtcModel(modelConfig), options, width);
        student.to(device);
        var sampler = new DynamicBucketingSampler(cutList, new BucketingOptions { MaxDuration = training.MaxDuration, Seed = training.Seed });
        var ctcBuilder = new CtcBatchBuilder(vocabulary, modelConfig.FeatureDim, augment, training.Seed, device);
        var builder = new MvqBatchBuilder(ctcBuilder, indexes, embeddings, options.FrameRatio, device, notes);
        builder.CheckCoverage(cutList);
        var source = new SamplerBatchSource<MvqBatch>(sampler, builder.Build);
        var trainerOptions = new TrainerOptions
        {
            OutputDirectory = outDir, MaxSteps = training.Steps, LearningRate = training.LearningRate, WarmupSteps = training.Warmup,
            Schedule = training.Schedule, WeightDecay = training.WeightDecay, Precision = precision, Seed = training.Seed,
            CheckpointEvery = training.CheckpointEvery, KeepLast = training.KeepLast,
        };
        var trainer = new Trainer<MvqBatch>(student, new MvqKdObjective(student, options), source, trainerOptions, modelConfig.ToJson);
        return new MvqTrainingRun(student, builder, source, trainer, vocabulary, indexes as IDisposable ?? embeddings, options, cutList.Count,
            Path.Combine(outDir, "model"));
    }

    static LiveCodebookIndexes OpenLive(LiveTeacherTargets live, string? quantizerId, Device device)
    {
        var source = LiveCodebookIndexes.Open(live.QuantizerPath, live.TeacherFolder, live.Layer, device);
        if (quantizerId is null || quantizerId == source.QuantizerId) return source;
        source.Dispose();
        throw new ConfigException($"{live.QuantizerPath}: quantizer {source.QuantizerId}, but quantizer {quantizerId} was asked for");
    }

    public MvqTrainingResult Train(IProgress<WorkProgress>? progress = null)
    {
        var result = trainer.Run(progress);
        student.to(ScalarType.Float32);
        CtcCheckpoint.Save(student.Ctc, vocabulary, ModelFolder);
        return new MvqTrainingResult(result, options.Kind, student.Layer, cuts, builder.MissingTargets, ModelFolder);
    }

    public void Dispose()
    {
        source.Dispose();
        builder.Dispose();
        student.Dispose();
        store?.Dispose();
    }
}
