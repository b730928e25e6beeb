using System.Diagnostics;
using Speech.Asr.Ctc;
using Speech.Asr.Inference;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Progress;
using Speech.Core.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>The BERT→CTC comparison on one test set: every system decodes the same audio (read
/// once, so file I/O is not timed) with the same batch size, after a warm-up batch, the median of
/// <c>timingRuns</c> decodes timed; WERs use the
/// Whisper English normaliser and a paired bootstrap against the first system. Greedy students
/// share the baseline's graph, so their decode times should agree within noise. Writes the table
/// (TSV) and, beside it, the same name with <c>.png</c>: <see cref="BertCtcResultsPlot"/>.</summary>
public static class BertCtcEvaluation
{
    /// <param name="timingRuns">Decodes of the whole set per greedy system, the median time reported
    /// (fusion rows, many times slower, decode once).</param>
    /// <param name="lmTexts">The fusion rows' character LM's training text (needed when a system has a
    /// beam): the ASR training transcripts, or the BERT's text for an LM that knows what the BERT knows.</param>
    public static IReadOnlyList<BertCtcEvaluationRow> Run(IReadOnlyList<BertCtcSystem> systems, string manifestPath, IReadOnlyList<string>? lmTexts,
        string outputPath, Device device, int batchSize = 16, int timingRuns = 3, IProgress<WorkProgress>? progress = null)
    {
        if (systems.Count == 0) throw new ConfigException("no systems to evaluate");
        var cuts = Manifest.ReadEntries(manifestPath).ToList();
        if (cuts.Count == 0) throw new ManifestException($"{manifestPath}: no cuts");
        var audio = cuts.Select(e => e.ReadAudio(16000)).ToList();
        double audioSeconds = audio.Sum(a => a.Length) / 16000.0;
        var references = cuts.ToDictionary(e => e.Cut.Id, e => e.Cut.Text ?? throw new ManifestException($"{manifestPath}: cut '{e.Cut.Id}' has no transcript"));
        var scorer = new WerScorer(new WhisperEnglishNormalizer());
        var rows = new List<BertCtcEvaluationRow>();
        CorpusWer? baseline = null;
        foreach (var system in systems)
        {
            var (model, vocabulary) = CtcCheckpoint.Load(system.ModelFolder);
            using var owned = model;
            model.to(device);
            using var engine = new CtcEngine(model, vocabulary, device, batchSize, system.Beam, Fusion(system, vocabulary, lmTexts));
            engine.Transcribe(audio.Take(batchSize).ToList()); // warm-up: first-call allocations are not the model's speed
            IReadOnlyList<Transcript> transcripts = [];
            var times = new List<double>();
            for (int run = 0; run < (system.Beam > 1 ? 1 : timingRuns); run++)
            {
                var clock = Stopwatch.StartNew();
                transcripts = engine.Transcribe(audio);
                times.Add(clock.Elapsed.TotalSeconds);
            }
            double seconds = times.Order().ElementAt(times.Count / 2); // the median run: one slow run on a shared machine does not decide
            var corpus = scorer.Score(references, cuts.Select((e, i) => (e.Cut.Id, transcripts[i].Text)).ToDictionary(p => p.Id, p => p.Text));
            baseline ??= corpus;
            rows.Add(new BertCtcEvaluationRow(system, WerBootstrap.Interval(corpus), rows.Count == 0 ? null : WerBootstrap.Difference(corpus, baseline),
                seconds, seconds / audioSeconds, corpus.ReferenceWords));
            progress?.Report(new WorkProgress(rows.Count, systems.Count));
        }
        AtomicFile.WriteText(outputPath, string.Join("\n", rows.Select(r => r.ToTsv()).Prepend(BertCtcEvaluationRow.Header)) + "\n");
        BertCtcResultsPlot.Render(rows, Path.ChangeExtension(outputPath, ".png"));
        return rows;
    }

    static CtcLanguageModelFusion? Fusion(BertCtcSystem system, CtcVocabulary vocabulary, IReadOnlyList<string>? texts)
    {
        if (system.Beam <= 1) return null;
        if (texts is null || texts.Count == 0) throw new ConfigException($"system {system.Name}: a beam with shallow fusion needs text to train its LM on (--lm-manifest or --lm-text)");
        return new CtcLanguageModelFusion(CtcLanguageModelFusion.Train(vocabulary, texts, system.LmOrder), system.LmWeight, system.InsertionBonus);
    }
}
