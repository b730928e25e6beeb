using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.Data.Sampling;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Progress;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>What `whisper train` and `distil-whisper train` share: the manifest's cuts that fit the
/// model (too long or with too many label tokens: skipped, each named), optional speaker packing,
/// bucketed batches, the trainer, and the final model written as OUT/model. <see cref="Prepare"/>
/// reports its choices through <c>notes</c>; <see cref="Train"/> runs.</summary>
public sealed class WhisperTrainingRun : IDisposable
{
    readonly WhisperModel model;
    readonly WhisperWithCtcHead? hybrid;
    readonly CtcVocabulary? ctcCharacters;
    readonly WhisperBatchBuilder builder;
    readonly SamplerBatchSource<WhisperBatch> source;
    readonly Trainer<WhisperBatch> trainer;

    WhisperTrainingRun(WhisperModel model, WhisperWithCtcHead? hybrid, CtcVocabulary? ctcCharacters, WhisperBatchBuilder builder,
        SamplerBatchSource<WhisperBatch> source, Trainer<WhisperBatch> trainer, string modelFolder)
    {
        this.model = model;
        this.hybrid = hybrid;
        this.ctcCharacters = ctcCharacters;
        this.builder = builder;
        this.source = source;
        this.trainer = trainer;
        ModelFolder = modelFolder;
    }

    readonly List<IDisposable> owned = new();

    /// <summary>Hands the run what it trains (models, a hybrid pair), disposed with it, first to last.</summary>
    public WhisperTrainingRun Owning(IEnumerable<IDisposable> resources)
    {
        owned.AddRange(resources);
        return this;
    }

    /// <summary>OUT/model: the final Hugging Face folder (and the CTC head of a hybrid run).</summary>
    public string ModelFolder { get; }

    /// <param name="tokenizer">The model's own tokenizer (its vocabulary size is checked against the model's).</param>
    /// <param name="hybrid">With a CTC head, the pair is what trains (and what checkpoints hold); the Whisper model alone is saved.</param>
    public static WhisperTrainingRun Prepare(WhisperModel model, WhisperTokenizer tokenizer, IObjective<WhisperBatch> objective, WhisperTrainingData data,
        TrainerOptions options, Device device, WhisperWithCtcHead? hybrid = null, CtcVocabulary? ctcCharacters = null, IProgress<string>? notes = null)
    {
        // Whisper trims audio to its window: a longer cut would train on a transcript it cannot hear.
        double window = AudioWindow.Samples(model.Config) / 16000.0;
        var all = Manifest.Read(data.ManifestPath).ToList();
        var cuts = all.Where(c => c.Duration <= window).ToList();
        foreach (var cut in all.Where(c => c.Duration > window))
            notes?.Report($"skipped {cut.Id}: {cut.Duration:F2} s is longer than the model's {window:F1} s window");
        if (cuts.Count < all.Count) notes?.Report($"{cuts.Count} of {all.Count} cuts used, {all.Count - cuts.Count} skipped as too long");
        SpeakerPacking? packing = null;
        if (data.PackGapSeconds is { } gap)
        {
            if (data.TextOf is not null || data.PreviousOf is not null)
                throw new ConfigException("speaker packing joins the cuts' own transcripts; it does not combine with pseudo-labels or previous-text prompts");
            packing = new SpeakerPacking(cuts, window, gap, options.Seed);
            notes?.Report($"{cuts.Count} cuts packed by speaker into {packing.Packs.Count} windows of up to {window:F1} s ({gap:F2} s between)");
            // With singles every cut also trains alone (a pack of one is then the cut itself, not twice).
            cuts = data.PackKeepsSingles ? cuts.Concat(packing.Packs.Where(p => packing.MembersOf(p).Count > 1)).ToList() : packing.Packs.ToList();
            if (data.PackKeepsSingles) notes?.Report($"{cuts.Count} inputs: every cut alone and the packs of two or more");
        }
        cuts = WithoutTooLongLabels(cuts, all.Count, tokenizer, model.Config, data.TextOf, notes);
        if (all.Count == 0) throw new ManifestException($"{data.ManifestPath}: no cuts to train on (empty manifest)");
        if (cuts.Count == 0) throw new ManifestException($"{data.ManifestPath}: no cut fits the model's {window:F1} s window and {model.Config.MaxTargetPositions} decoder positions");
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = data.MaxDuration, Seed = (int)options.Seed });
        var builder = new WhisperBatchBuilder(tokenizer, model.Config, device, data.TextOf, data.PreviousOf?.Invoke(cuts), ctcCharacters,
            packing is null ? null : cut => packing.Audio(cut, WhisperLogMelOptions.SampleRate), data.Augmentation);
        var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var trainer = new Trainer<WhisperBatch>(hybrid ?? (nn.Module)model, objective, source, options, model.Config.ToJson);
        return new WhisperTrainingRun(model, hybrid, ctcCharacters, builder, source, trainer, Path.Combine(options.OutputDirectory, "model"));
    }

    /// <summary>Trains (or resumes, or finds the run complete) and writes the float32 model to <see cref="ModelFolder"/>.</summary>
    public TrainingResult Train(IProgress<WorkProgress>? progress = null)
    {
        var result = trainer.Run(progress);
        model.to(ScalarType.Float32);
        WhisperCheckpoint.Save(model, ModelFolder);
        if (hybrid is not null && ctcCharacters is not null) hybrid.SaveHead(ModelFolder, ctcCharacters);
        return result;
    }

    /// <summary>distil-whisper's max_label_length filter: a label longer than the decoder's positions (a
    /// looping teacher's, say) cannot be trained on whole.</summary>
    static List<Cut> WithoutTooLongLabels(List<Cut> cuts, int total, WhisperTokenizer tokenizer, WhisperConfig config, Func<Cut, string?>? textOf,
        IProgress<string>? notes)
    {
        var tooLong = new HashSet<string>(StringComparer.Ordinal);
        using (var counter = new WhisperBatchBuilder(tokenizer, config, textOf: textOf))
            foreach (var cut in cuts)
                if ((textOf ?? (c => c.Text))(cut) is { } text && counter.TokenSequence(text).Count - 1 > config.MaxTargetPositions)
                {
                    notes?.Report($"skipped {cut.Id}: its label has more tokens than the decoder's {config.MaxTargetPositions} positions");
                    tooLong.Add(cut.Id);
                }
        if (tooLong.Count == 0) return cuts;
        notes?.Report($"{cuts.Count - tooLong.Count} of {total} cuts used, {tooLong.Count} skipped with labels too long");
        return cuts.Where(c => !tooLong.Contains(c.Id)).ToList();
    }

    public void Dispose()
    {
        source.Dispose();
        builder.Dispose();
        foreach (var resource in owned) resource.Dispose();
    }
}
