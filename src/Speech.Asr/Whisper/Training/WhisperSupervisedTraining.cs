using Speech.Asr.Whisper.Loading;
using Speech.Core.Data;
using Speech.Core.Progress;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>Supervised Whisper training on a manifest's transcripts: a new model (or one to continue),
/// cross-entropy or hybrid CTC/attention, speaker packing and augmentation, as a
/// <see cref="WhisperTrainingRun"/> that owns what it built.</summary>
public static class WhisperSupervisedTraining
{
    public static WhisperTrainingRun Prepare(WhisperTrainOptions o, Device device, IProgress<string>? notes = null)
    {
        o.Validate();
        manual_seed(o.Seed);
        var loaded = o.Init is not null ? WhisperLoader.Load(o.Init) : null;
        var model = loaded?.Model ?? new WhisperModel(WhisperConfig.Resolve(o.Size));
        var owned = new List<IDisposable> { loaded ?? (IDisposable)model };
        try
        {
            o.Dropout.Apply(model);
            if (o.FreezeEncoder) model.FreezeEncoder();
            model.to(device);
            var options = new TrainerOptions
            {
                OutputDirectory = o.OutputDirectory, MaxSteps = o.Steps, LearningRate = o.LearningRate, WarmupSteps = o.Warmup, Precision = o.Precision,
                Seed = o.Seed, CheckpointEvery = o.CheckpointEvery, KeepLast = o.KeepLast, WeightDecay = 0.01,
            };
            var hybrid = WhisperHybridSetup.Create(model, o.ManifestPath, o.OutputDirectory, o.CtcWeight, o.Init, device, notes);
            if (hybrid is { } h) owned.Insert(0, h.Hybrid);
            // A new model speaks English; one read from a folder brings its own tokenizer.
            var tokenizer = loaded?.Tokenizer ?? WhisperTokenizer.English();
            var shortlist = o.VocabularyShortlist ? ShortlistOf(o.ManifestPath, tokenizer, model.Config, device, notes) : null;
            if (shortlist is not null) owned.Add(shortlist);
            IObjective<WhisperBatch> objective = hybrid is null ? new WhisperCrossEntropyObjective(model, o.LabelSmoothing, shortlist)
                : new WhisperHybridObjective(hybrid.Value.Hybrid, o.CtcWeight, o.CeWeight, o.LabelSmoothing, shortlist);
            var data = new WhisperTrainingData(o.ManifestPath, o.MaxDuration)
            {
                PackGapSeconds = o.PackGapSeconds,
                PackKeepsSingles = o.PackSingles,
                Augmentation = new WhisperAugmentation(o.SpecAugment ? WhisperAugmentation.ShortWindowSpecAugment : null,
                    o.DecoderInputNoise > 0 ? new DecoderInputNoise(o.DecoderInputNoise) : null, o.Seed),
            };
            return WhisperTrainingRun.Prepare(model, tokenizer, objective, data, options, device, hybrid?.Hybrid, hybrid?.Characters, notes).Owning(owned);
        }
        catch
        {
            foreach (var resource in owned) resource.Dispose();
            throw;
        }
    }

    static VocabularyShortlist ShortlistOf(string manifestPath, WhisperTokenizer tokenizer, WhisperConfig config, Device device, IProgress<string>? notes)
    {
        using var counter = new WhisperBatchBuilder(tokenizer, config);
        var shortlist = TranscriptShortlist.Of(Manifest.Read(manifestPath).Select(c => c.Text ?? ""), counter, config.VocabSize, device);
        notes?.Report($"softmax over the {shortlist.Count} tokens the transcripts use (of {config.VocabSize})");
        return shortlist;
    }
}
