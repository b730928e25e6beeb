using System.CommandLine;
using Speech.Asr.Ctc;
using Speech.Cli.Hosting;
using Speech.Core.Config;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.IO;
using Speech.Core.Runtime;
using Speech.Core.Text;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Cli.Asr;

/// <summary><c>speech asr train --config conf/ctc.yaml --manifest M --out DIR</c>: a CTC model over
/// the transcripts' characters, with the shared trainer; resumable; the final model in OUT/model.</summary>
public static class AsrTrainCommand
{
    public static readonly string[] Sections = { "model", "training" };

    public static Command Build()
    {
        var config = new Option<string>("--config") { Description = "Recipe YAML with model: (CtcConfig keys) and training: sections.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Training cuts with transcripts.", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: config.resolved.yaml, vocab.json, checkpoints/, metrics.jsonl, model/.", Required = true };
        var overrides = new Option<string[]>("--set") { Description = "Override a config value: section.key=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train a CTC model on a manifest (resumable: rerun the same command after a kill).") { config, manifest, output, overrides };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            var recipe = RecipeConfig.Load(parse.GetValue(config)!, parse.GetValue(overrides));
            recipe.RequireOnlySections(Sections);
            var training = recipe.Section<CtcTrainingOptions>("training");
            string outDir = parse.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var vocabulary = Vocabulary(outDir, cuts);
            var modelConfig = recipe.Section<CtcConfig>("model");
            if (modelConfig.VocabSize != new CtcConfig().VocabSize)
                throw new ConfigException($"{recipe.Path}: model.vocab_size is set from the training transcripts ({vocabulary.Size} units); leave it out");
            modelConfig = modelConfig with { VocabSize = vocabulary.Size };
            AtomicFile.WriteText(Path.Combine(outDir, "config.resolved.yaml"),
                recipe.ToResolvedYaml(new Dictionary<string, object> { ["model"] = modelConfig, ["training"] = training }));

            manual_seed(training.Seed);
            using var model = new CtcModel(modelConfig);
            model.to(device);
            var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = training.MaxDuration, Seed = training.Seed });
            var augment = training.SpecAugment
                ? new SpecAugmentOptions { FrequencyMasks = 2, MaxFrequencyWidth = 15, TimeMasks = 2, MaxTimeWidth = 20, MaxTimeProportion = 0.2 }
                : null;
            using var builder = new CtcBatchBuilder(vocabulary, modelConfig.FeatureDim, augment, training.Seed, device);
            using var source = new SamplerBatchSource<AsrBatch>(sampler, builder.Build);
            var options = new TrainerOptions
            {
                OutputDirectory = outDir, MaxSteps = training.Steps, LearningRate = training.LearningRate, WarmupSteps = training.Warmup,
                Schedule = training.Schedule, WeightDecay = training.WeightDecay, Precision = training.Precision, Seed = training.Seed,
                CheckpointEvery = training.CheckpointEvery, KeepLast = training.KeepLast,
            };
            if (PrecisionChoice.Emulated(training.Precision, device))
                parse.InvocationConfiguration.Error.WriteLine($"warning: {recipe.Path}: training.precision: {PrecisionChoice.EmulatedBf16}");
            var trainer = new Trainer<AsrBatch>(model, new CtcObjective(model), source, options, modelConfig.ToJson);
            var writer = parse.InvocationConfiguration.Output;
            var result = ConsoleProgress.Run(writer, "asr train", progress => trainer.Run(progress));
            if (result.AlreadyComplete) writer.WriteLine($"already trained to step {result.Steps} ({result.LastCheckpoint}); nothing to do");
            model.to(ScalarType.Float32);
            string final = Path.Combine(outDir, "model");
            CtcCheckpoint.Save(model, vocabulary, final);
            writer.WriteLine($"{result.Steps} steps ({result.SkippedSteps} skipped); model written to {final}");
            return CommandErrors.Success;
        });
        return command;
    }

    /// <summary>The characters of the transcripts, fixed in the run folder on the first run so a
    /// resumed run (or one on a grown manifest) keeps the same output units.</summary>
    static CtcVocabulary Vocabulary(string outDir, IReadOnlyList<Cut> cuts)
    {
        if (File.Exists(Path.Combine(outDir, CtcVocabulary.FileName))) return CtcVocabulary.Load(outDir);
        var missing = cuts.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Text));
        if (missing is not null) throw new ManifestException($"cut '{missing.Id}' has no transcript to train on");
        var vocabulary = new CtcVocabulary(CharacterTokenizer.Train(cuts.Select(c => c.Text!)));
        vocabulary.Save(outDir);
        return vocabulary;
    }
}
