using Speech.Asr.Inference;
using Speech.Core.Data;
using Speech.Core.Progress;

namespace Speech.Asr.DistilWhisper;

/// <summary>Pseudo-labels one shard of a manifest with a teacher engine (distil-whisper's
/// run_pseudo_labelling, made resumable and shardable): cuts of the shard sorted by duration and
/// cut into fixed batches, each finished batch appended to the shard's JSONL and flushed, a
/// completion marker at the end. A rerun skips finished batches and recomputes a partly written
/// one whole, so batches (and so batched numerics) are the same as in an uninterrupted run.</summary>
public sealed class PseudoLabelJob(ITranscriptionEngine teacher, int batchSize = 8)
{
    public sealed record Outcome(int ShardCuts, int AlreadyDone, int Labelled, bool WasComplete);

    public Outcome Run(string manifestPath, string folder, ShardSpec shard, IProgress<WorkProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(folder);
        var cuts = Manifest.ReadEntries(manifestPath).Where((_, position) => shard.Contains(position)).ToList();
        string labelsFile = PseudoLabelShard.LabelsFile(folder, shard), marker = PseudoLabelShard.DoneMarker(folder, shard);
        if (File.Exists(marker)) return new Outcome(cuts.Count, cuts.Count, 0, WasComplete: true);

        var done = PseudoLabelShard.ReadAndRepair(labelsFile).Select(l => l.Id).ToHashSet();
        int alreadyDone = done.Count, labelled = 0;
        var batches = cuts.OrderByDescending(e => e.Cut.Duration).ThenBy(e => e.Cut.Id, StringComparer.Ordinal).Chunk(batchSize).ToList();
        progress?.Report(new WorkProgress(alreadyDone, cuts.Count));
        using (var writer = new StreamWriter(labelsFile, append: true))
        {
            foreach (var batch in batches)
            {
                if (batch.All(e => done.Contains(e.Cut.Id))) continue;
                cancellation.ThrowIfCancellationRequested();
                var transcripts = teacher.Transcribe(batch.Select(e => e.ReadAudio(16000)).ToList());
                for (int i = 0; i < batch.Length; i++)
                {
                    if (!done.Add(batch[i].Cut.Id)) continue;
                    writer.WriteLine(new PseudoLabel(batch[i].Cut.Id, transcripts[i].Text, transcripts[i].Tokens.ToArray()).ToJsonLine());
                    labelled++;
                }
                writer.Flush();
                progress?.Report(new WorkProgress(done.Count, cuts.Count));
            }
        }
        File.WriteAllText(marker, $"{cuts.Count}\n");
        return new Outcome(cuts.Count, alreadyDone, labelled, WasComplete: false);
    }
}
