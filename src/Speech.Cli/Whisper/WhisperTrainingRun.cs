using Speech.Asr.Ctc;
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
        string manifestPath, Func<Cut, string?>? textOf, double maxDuration, Device device, TrainerOptions options,
        Func<IReadOnlyList<Cut>, Func<Cut, string?>>? previousOf = null, WhisperWithCtcHead? hybrid = null, CtcVocabulary? ctcCharacters = null,
        double? packGapSeconds = null, bool packKeepsSingles = false, WhisperAugmentation? augmentation = null)
    {
        // Whisper trims audio to its window: a longer cut would train on a transcript it cannot hear.
        double window = AudioWindow.Samples(model.Config) / 16000.0;
        var all = Manifest.Read(manifestPath).ToList();
        var cuts = all.Where(c => c.Duration <= window).ToList();
        foreach (var cut in all.Where(c => c.Duration > window))
            writer.WriteLine($"skipped {cut.Id}: {cut.Duration:F2} s is longer than the model's {window:F1} s window");
        if (cuts.Count < all.Count) writer.WriteLine($"{cuts.Count} of {all.Count} cuts used, {all.Count - cuts.Count} skipped as too long");
        SpeakerPacking? packing = null;
        if (packGapSeconds is { } gap)
        {
            if (textOf is not null || previousOf is not null)
                throw new ArgumentException("speaker packing joins the cuts' own transcripts; it does not combine with pseudo-labels or previous-text prompts");
            packing = new SpeakerPacking(cuts, window, gap, options.Seed);
            writer.WriteLine($"{cuts.Count} cuts packed by speaker into {packing.Packs.Count} windows of up to {window:F1} s ({gap:F2} s between)");
            // With singles every cut also trains alone (a pack of one is then the cut itself, not twice).
            cuts = packKeepsSingles ? cuts.Concat(packing.Packs.Where(p => packing.MembersOf(p).Count > 1)).ToList() : packing.Packs.ToList();
            if (packKeepsSingles) writer.WriteLine($"{cuts.Count} inputs: every cut alone and the packs of two or more");
        }
        // distil-whisper's max_label_length filter: a label longer than the decoder's positions (a
        // looping teacher's, say) cannot be trained on whole.
        var tokenizer = WhisperTokenizer.English();
        var tooLong = new HashSet<string>(StringComparer.Ordinal);
        using (var counter = new WhisperBatchBuilder(tokenizer, model.Config, textOf: textOf))
            foreach (var cut in cuts)
                if ((textOf ?? (c => c.Text))(cut) is { } text && counter.TokenSequence(text).Count - 1 > model.Config.MaxTargetPositions)
                {
                    writer.WriteLine($"skipped {cut.Id}: its label has more tokens than the decoder's {model.Config.MaxTargetPositions} positions");
                    tooLong.Add(cut.Id);
                }
        if (tooLong.Count > 0)
        {
            cuts = cuts.Where(c => !tooLong.Contains(c.Id)).ToList();
            writer.WriteLine($"{cuts.Count} of {all.Count} cuts used, {tooLong.Count} skipped with labels too long");
        }
        if (all.Count == 0) throw new Speech.Core.Errors.ManifestException($"{manifestPath}: no cuts to train on (empty manifest)");
        if (cuts.Count == 0) throw new Speech.Core.Errors.ManifestException($"{manifestPath}: no cut fits the model's {window:F1} s window and {model.Config.MaxTargetPositions} decoder positions");
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = maxDuration, Seed = (int)options.Seed });
        using var builder = new WhisperBatchBuilder(tokenizer, model.Config, device, textOf, previousOf?.Invoke(cuts), ctcCharacters,
            packing is null ? null : cut => packing.Audio(cut, Speech.Core.Features.WhisperLogMelOptions.SampleRate),
            augmentation);
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        // With a CTC head the pair is what trains (and what checkpoints hold); the Whisper model alone is saved.
        var trainer = new Trainer<WhisperBatch>(hybrid ?? (nn.Module)model, objective, source, options, model.Config.ToJson);
        var result = ConsoleProgress.Run(writer, title, progress => trainer.Run(progress));
        if (result.AlreadyComplete) writer.WriteLine($"already trained to step {result.Steps} ({result.LastCheckpoint}); nothing to do");
        model.to(ScalarType.Float32);
        string final = Path.Combine(options.OutputDirectory, "model");
        WhisperCheckpoint.Save(model, final);
        if (hybrid is not null && ctcCharacters is not null) hybrid.SaveHead(final, ctcCharacters);
        writer.WriteLine($"{result.Steps} steps ({result.SkippedSteps} skipped); model written to {final}");
    }
}
