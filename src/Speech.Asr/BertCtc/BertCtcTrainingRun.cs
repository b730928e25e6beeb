using Speech.Asr.Ctc;
using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Runtime;
using Speech.Core.Text.Bert;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>A BERT→CTC student (or, with <c>kd.weight: 0</c>, the CTC baseline with the same encoder,
/// seed and batches) trained from a recipe (<c>model:</c> <see cref="CtcConfig"/>, <c>training:</c>
/// <see cref="CtcTrainingOptions"/>, <c>kd:</c> <see cref="BertCtcOptions"/>) with the shared trainer;
/// resumable. The exported model (OUT/model) is the CTC model alone: no decoder parameters.</summary>
public static class BertCtcTrainingRun
{
    public static readonly string[] Sections = ["model", "training", "kd"];

    public sealed record Result(TrainingResult Training, string ModelFolder, IReadOnlyList<int> DecoderLayers, long ExportedParameters,
        long TrainingParameters, int Cuts, int UnknownWords);

    /// <param name="bertFolder">The teacher's folder (its vocab.txt sizes the decoders and must match the store); unused at λ = 0.</param>
    /// <param name="targets">The soft-label store (speech bert-kd targets); unused at λ = 0.</param>
    public static Result Run(string configPath, IEnumerable<string>? overrides, string manifestPath, string? bertFolder, string? targets,
        string outDir, Device device, Action<string>? warn = null, IProgress<WorkProgress>? progress = null)
    {
        var recipe = RecipeConfig.Load(configPath, overrides);
        recipe.RequireOnlySections(Sections);
        var training = recipe.Section<CtcTrainingOptions>("training");
        var kd = recipe.Section<BertCtcOptions>("kd");
        var modelConfig = recipe.Section<CtcConfig>("model");
        if (modelConfig.VocabSize != new CtcConfig().VocabSize)
            throw new ConfigException($"{recipe.Path}: model.vocab_size is set from the training transcripts; leave it out");
        var layers = kd.LayerSet(modelConfig.Layers);
        var precision = PrecisionChoice.Resolve(training.Precision, device, $"{recipe.Path}: training.precision",
            message => warn?.Invoke($"{recipe.Path}: training.precision: {message}"));
        var cuts = Manifest.Read(manifestPath).ToList();
        if (cuts.Count == 0) throw new ManifestException($"{manifestPath}: no cuts to train on");
        Directory.CreateDirectory(outDir);
        var vocabulary = CtcTrainingRun.Vocabulary(outDir, cuts); // the transcripts' characters, fixed on the first run
        modelConfig = modelConfig with { VocabSize = vocabulary.Size };
        AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"),
            recipe.ToResolvedYaml(new Dictionary<string, object> { ["model"] = modelConfig, ["training"] = training, ["kd"] = kd }));

        BertWordPiece? bert = null;
        IReadOnlyDictionary<string, BertSoftLabel>? labels = null;
        if (layers.Count > 0)
        {
            if (bertFolder is null || targets is null) throw new ConfigException("kd.weight > 0: give the BERT folder and the soft-label store (or set kd.weight=0 for the baseline)");
            bert = BertWordPiece.Load(Path.Combine(bertFolder, BertWordPiece.FileName));
            labels = BertSoftLabelStore.Read(targets, bert.VocabularyHash);
        }

        manual_seed(training.Seed);
        using var student = new BertCtcStudent(modelConfig, layers, bert?.VocabularySize ?? 0, kd);
        student.to(device);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = training.MaxDuration, Seed = training.Seed });
        var ctcBuilder = new CtcBatchBuilder(vocabulary, modelConfig.FeatureDim, training.SpecAugment ? CtcTrainingRun.SpecAugment : null, training.Seed, device);
        using var builder = new BertCtcBatchBuilder(ctcBuilder, labels, bert?.VocabularySize ?? 0, bert?.ClassificationId ?? 0, bert?.SeparatorId ?? 0, targets ?? "", device);
        using var source = new SamplerBatchSource<BertCtcBatch>(sampler, builder.Build);
        var options = new TrainerOptions
        {
            OutputDirectory = outDir, MaxSteps = training.Steps, LearningRate = training.LearningRate, WarmupSteps = training.Warmup,
            Schedule = training.Schedule, WeightDecay = training.WeightDecay, Precision = precision, Seed = training.Seed,
            CheckpointEvery = training.CheckpointEvery, KeepLast = training.KeepLast, TensorBoard = false,
        };
        var result = new Trainer<BertCtcBatch>(student, new BertCtcObjective(student, kd), source, options, modelConfig.ToJson).Run(progress);
        if (result.AlreadyComplete && result.LastCheckpoint is { } last) // the trainer returned before loading any weights
            SafetensorsState.LoadInto(student, [SafetensorsFile.Open(Path.Combine(last, CheckpointStore.ModelFile))]);
        student.to(ScalarType.Float32);
        student.eval();
        string folder = Path.Combine(outDir, "model");
        CtcCheckpoint.Save(student.Ctc, vocabulary, folder);
        int unknown = labels is null ? 0 : cuts.Sum(c => labels.TryGetValue(c.Id, out var l) ? l.UnknownWords : 0);
        return new Result(result, folder, layers, student.Ctc.parameters().Sum(p => p.numel()), student.parameters().Sum(p => p.numel()), cuts.Count, unknown);
    }
}
