using Speech.Core.Config;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>Trains a BERT masked LM from scratch on a text (one sentence a line) with the shared
/// trainer, so a teacher exists without downloads: the WordPiece vocabulary is built from the text
/// (or given) and fixed in the run folder on the first run; the run resumes from its checkpoints;
/// the result is a Hugging Face folder OUT/model.</summary>
public static class BertTrainingRun
{
    public static readonly string[] Sections = ["model", "training"];

    public sealed record Result(TrainingResult Training, string ModelFolder, int Sentences, int VocabularySize, int UnknownWords, long Parameters);

    /// <param name="vocabularyPath">An existing vocab.txt; null builds one from the text.</param>
    public static Result Run(string configPath, IEnumerable<string>? overrides, string textPath, string outDir, string? vocabularyPath,
        Device device, IProgress<WorkProgress>? progress = null)
    {
        var recipe = RecipeConfig.Load(configPath, overrides);
        recipe.RequireOnlySections(Sections);
        var shape = recipe.Section<BertModelOptions>("model");
        var training = recipe.Section<BertTrainingOptions>("training");
        if (!File.Exists(textPath)) throw new ConfigException($"{textPath}: text not found");
        var lines = File.ReadLines(textPath).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0) throw new ConfigException($"{textPath}: no sentences");
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"),
            recipe.ToResolvedYaml(new Dictionary<string, object> { ["model"] = shape, ["training"] = training }));
        var vocabulary = Vocabulary(outDir, vocabularyPath, lines, shape);
        var config = shape.ToConfig(vocabulary.VocabularySize);
        int unknown = 0;
        var sentences = lines.Select(line =>
        {
            var encoding = vocabulary.Encode(line);
            unknown += encoding.UnknownWords;
            var body = encoding.Ids.Take(config.MaxPositions - 2);
            return new[] { vocabulary.ClassificationId }.Concat(body).Append(vocabulary.SeparatorId).ToArray();
        }).ToList();

        manual_seed(training.Seed);
        using var model = new BertMaskedLm(config);
        model.to(device);
        var source = new BertTextBatchSource(sentences, vocabulary, training.BatchSize, training.MaskProbability, training.Seed, device);
        var options = new TrainerOptions
        {
            OutputDirectory = outDir, MaxSteps = training.Steps, LearningRate = training.Lr, WarmupSteps = training.Warmup,
            Schedule = training.Schedule, WeightDecay = training.WeightDecay, Seed = training.Seed, CheckpointEvery = training.CheckpointEvery,
            KeepLast = training.KeepLast, TensorBoard = false,
        };
        var result = new Trainer<BertTextBatch>(model, new BertObjective(model), source, options, config.ToJson).Run(progress);
        if (result.AlreadyComplete && result.LastCheckpoint is { } last) // the trainer returned before loading any weights
            SafetensorsState.LoadInto(model, [SafetensorsFile.Open(Path.Combine(last, CheckpointStore.ModelFile))]);
        model.to(CPU);
        model.eval();
        string folder = Path.Combine(outDir, "model");
        BertFolder.Save(model, vocabulary, folder);
        return new Result(result, folder, sentences.Count, vocabulary.VocabularySize, unknown, model.parameters().Sum(p => p.numel()));
    }

    static BertWordPiece Vocabulary(string outDir, string? given, IReadOnlyList<string> lines, BertModelOptions shape)
    {
        string fixedPath = Path.Combine(outDir, BertWordPiece.FileName);
        if (File.Exists(fixedPath)) return BertWordPiece.Load(fixedPath);
        var vocabulary = given is not null ? BertWordPiece.Load(given) : BertVocabularyBuilder.Build(lines, shape.MaxVocabulary, shape.MinWordCount);
        vocabulary.Save(fixedPath);
        return vocabulary;
    }
}
