using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using Speech.Core.Text.Bert;
using static TorchSharp.torch;

namespace Speech.Asr.BertCtc;

/// <summary>Soft labels for one shard of a manifest (Futami et al.'s <c>make_bert_label</c>, made
/// shardable and resumable like pseudo-labels): each transcript's WordPieces are masked one at a
/// time (batched), optionally inside its neighbouring transcripts, and the top-k of the BERT's
/// distribution at the masked position kept. Each finished cut is appended and flushed; a rerun
/// skips the cuts already written; the shard's <c>.done</c> marker comes last.</summary>
public sealed class BertSoftLabelJob(BertMaskedLm bert, BertWordPiece vocabulary, BertSoftLabelOptions options, int batchSize = 64)
{
    public sealed record Outcome(int ShardCuts, int AlreadyDone, int Labelled, int UnknownWords, bool WasComplete);

    public Outcome Run(string manifestPath, string folder, ShardSpec shard, IProgress<WorkProgress>? progress = null)
    {
        if (options.TopK < 1 || options.Temperature <= 0 || options.ContextSentences < 0)
            throw new ConfigException($"top-k {options.TopK}, temperature {options.Temperature}, context {options.ContextSentences}: give k ≥ 1, T > 0, context ≥ 0");
        BertSoftLabelStore.Claim(folder, vocabulary.VocabularyHash, vocabulary.VocabularySize, options);
        var cuts = Manifest.Read(manifestPath).ToList();
        var mine = Enumerable.Range(0, cuts.Count).Where(shard.Contains).ToList();
        string file = BertSoftLabelStore.TargetsFile(folder, shard), marker = BertSoftLabelStore.DoneMarker(folder, shard);
        if (File.Exists(marker)) return new Outcome(mine.Count, mine.Count, 0, 0, WasComplete: true);
        var done = BertSoftLabelStore.ReadShard(file, repair: true).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        int alreadyDone = done.Count, labelled = 0, unknown = 0;
        var encoded = new Dictionary<int, WordPieceEncoding>();
        WordPieceEncoding Encode(int position) => encoded.TryGetValue(position, out var e) ? e
            : encoded[position] = vocabulary.Encode(cuts[position].Text ?? throw new ManifestException($"{manifestPath}: cut '{cuts[position].Id}' has no transcript"));
        var scorer = new MaskedPositionScorer(bert, vocabulary, batchSize);
        using (var writer = new StreamWriter(file, append: true))
        {
            foreach (int p in mine)
            {
                if (done.Contains(cuts[p].Id)) continue;
                using var scope = NewDisposeScope();
                var utterance = Encode(p);
                var (sequence, offset) = InContext(p, cuts, Encode, manifestPath);
                using var logits = scorer.Logits(sequence, Enumerable.Range(offset, utterance.Ids.Count).ToList());
                var (ids, probs) = BertSoftLabelMath.TopK(logits, vocabulary, options.TopK, options.Temperature);
                writer.WriteLine(new BertSoftLabel(cuts[p].Id, utterance.Ids.ToArray(), ids, probs, utterance.UnknownWords).ToJsonLine());
                writer.Flush();
                labelled++;
                unknown += utterance.UnknownWords;
                progress?.Report(new WorkProgress(alreadyDone + labelled, mine.Count));
            }
        }
        File.WriteAllText(marker, $"{mine.Count}\n");
        return new Outcome(mine.Count, alreadyDone, labelled, unknown, WasComplete: false);
    }

    /// <summary>[CLS] left-context utterance right-context [SEP], the contexts being up to
    /// <see cref="BertSoftLabelOptions.ContextSentences"/> neighbouring transcripts of the same
    /// speaker, cut (far ends first) to the BERT's positions; and where the utterance starts in it.</summary>
    (List<int> Sequence, int Offset) InContext(int p, IReadOnlyList<Cut> cuts, Func<int, WordPieceEncoding> encode, string manifestPath)
    {
        var utterance = encode(p).Ids;
        int room = bert.Config.MaxPositions - 2 - utterance.Count;
        if (room < 0)
            throw new ManifestException($"{manifestPath}: cut '{cuts[p].Id}' has {utterance.Count} WordPieces, the BERT holds {bert.Config.MaxPositions - 2}");
        bool Neighbour(int q) => q >= 0 && q < cuts.Count && cuts[q].Speaker == cuts[p].Speaker;
        var left = new List<int>();
        var right = new List<int>();
        for (int d = 1; d <= options.ContextSentences; d++)
        {
            if (Neighbour(p - d)) left.InsertRange(0, encode(p - d).Ids);
            if (Neighbour(p + d)) right.AddRange(encode(p + d).Ids);
        }
        int keepLeft = Math.Min(left.Count, Math.Max(room / 2, room - right.Count));
        int keepRight = Math.Min(right.Count, room - keepLeft);
        var sequence = new List<int> { vocabulary.ClassificationId };
        sequence.AddRange(left.Skip(left.Count - keepLeft));
        sequence.AddRange(utterance);
        sequence.AddRange(right.Take(keepRight));
        sequence.Add(vocabulary.SeparatorId);
        return (sequence, 1 + keepLeft);
    }
}
