using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Progress;

namespace Speech.Asr.Inference;

/// <summary>Transcribes a manifest into a hypotheses manifest (the cuts with their text replaced),
/// resumably: finished cuts are appended a line at a time, and a rerun skips the ids already in
/// the output (a line torn by a kill is dropped and redone). Cuts are decoded in batches sorted by
/// duration. Timed segments, when the engine gives them, go into the extra field <c>segments</c>.</summary>
public sealed class TranscriptionJob(ITranscriptionEngine engine, int batchSize = 8)
{
    public sealed record Outcome(int Total, int AlreadyDone, int Transcribed);

    public Outcome Run(string manifestPath, string outputPath, IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        var cuts = Manifest.ReadEntries(manifestPath).ToList();
        var done = ReadDone(outputPath);
        var todo = cuts.Where(e => !done.Contains(e.Cut.Id)).OrderBy(e => e.Cut.Duration).ToList();
        string directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(directory);
        using var writer = new StreamWriter(outputPath, append: true);
        int finished = 0;
        progress?.Report(new WorkProgress(done.Count, cuts.Count));
        foreach (var batch in todo.Chunk(batchSize))
        {
            cancellation.ThrowIfCancellationRequested();
            var audio = batch.Select(e => e.ReadAudio(16000)).ToList();
            var transcripts = engine.Transcribe(audio);
            for (int i = 0; i < batch.Length; i++)
            {
                var hypothesis = batch[i].Cut with { Text = transcripts[i].Text };
                if (transcripts[i].Segments is { } segments) hypothesis = hypothesis.WithExtra("segments", SegmentsJson(segments));
                writer.Write(CutJson.Format(hypothesis, directory));
                writer.Write('\n');
            }
            writer.Flush();
            finished += batch.Length;
            progress?.Report(new WorkProgress(done.Count + finished, cuts.Count));
        }
        return new Outcome(cuts.Count, done.Count, finished);
    }

    /// <summary>Timed segments as <c>[{"start": s, "end": s, "tokens": [...]}]</c> (seconds into the cut).</summary>
    static JsonElement SegmentsJson(IReadOnlyList<TimedSegment> segments) =>
        JsonSerializer.SerializeToElement(segments.Select(s => new Dictionary<string, object>
        {
            ["start"] = Math.Round(s.Start, 2), ["end"] = Math.Round(s.End, 2), ["tokens"] = s.Tokens,
        }).ToList());

    /// <summary>Ids already transcribed; the file is rewritten without a torn last line.</summary>
    static HashSet<string> ReadDone(string outputPath)
    {
        if (!File.Exists(outputPath)) return new HashSet<string>();
        var good = Manifest.Read(outputPath, onBadLine: _ => { }).ToList();
        Manifest.Write(outputPath, good);
        return good.Select(c => c.Id).ToHashSet();
    }
}
