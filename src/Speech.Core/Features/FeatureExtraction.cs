using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Features of a manifest's cuts, written once: to a sharded store or to .npy files.
/// Resumable (finished cuts are skipped). Bad items follow the <see cref="BadItemPolicy"/>: strict
/// stops at the first (naming file and line), skip-bad reports and leaves each out; an item that
/// fails for another reason (an I/O error) is reported and keeps the shard from being marked done.</summary>
public static class FeatureExtraction
{
    public static FeatureExtractionReport Run(string manifestPath, string outFolder, IFeatureExtractor extractor,
                                              FeatureExtractionOptions? options = null, BadItemPolicy? badItems = null,
                                              IProgress<WorkProgress>? progress = null)
    {
        options ??= new FeatureExtractionOptions();
        badItems ??= BadItemPolicy.Strict;
        if (options.ShardCount < 1 || options.ShardIndex < 0 || options.ShardIndex >= options.ShardCount)
            throw new ConfigException($"shard {options.ShardIndex}/{options.ShardCount} is not valid: use i/N with 0 <= i < N");
        int skippedBefore = badItems.Skipped.Count;
        var mine = ReadShard(manifestPath, new ShardSpec(options.ShardIndex, options.ShardCount), badItems, out int badLines);
        Directory.CreateDirectory(outFolder);
        using var sink = options.Format == FeatureFormat.Npy
            ? (IFeatureSink)new NpyFeatureSink(outFolder, extractor.Dimension)
            : new StoreFeatureSink(outFolder, options, extractor);
        // No shortcut for a shard already marked done: its finished cuts are counted as such and its
        // bad items are met (and reported) again, so the counts add up on every run.
        var failures = new List<BadItem>();
        int written = 0, alreadyDone = 0;
        var pending = new List<(ManifestEntry Entry, float[] Samples)>();
        void Flush()
        {
            if (pending.Count == 0) return;
            written += WriteBatch(pending, extractor, sink, badItems);
            pending.Clear();
            progress?.Report(new WorkProgress(written + alreadyDone + failures.Count, mine.Count, $"failed {failures.Count}"));
        }
        foreach (var entry in mine)
        {
            if (sink.Has(entry.Cut.Id)) { alreadyDone++; continue; }
            try
            {
                float[] samples = CutAudio.Read(entry.Cut, extractor.SampleRate);
                if (samples.Length == 0) throw new AudioFormatException($"{entry.Cut.Source.Path}: no samples in {entry.Cut.Start:F3}+{entry.Cut.Duration:F3} s");
                pending.Add((entry, samples));
            }
            catch (AudioFormatException e) { badItems.Report(BadItem.Undecodable(entry, e)); }
            catch (IOException e) { failures.Add(BadItem.Of(entry, "io-error", $"{entry.Cut.Source.Path}: {e.Message}")); }
            if (pending.Count == options.BatchSize) Flush();
        }
        Flush();
        if (failures.Count == 0) sink.Complete();
        var skipped = badItems.Skipped.Skip(skippedBefore).ToList();
        var counts = new ItemTally(mine.Count + badLines, written, alreadyDone, skipped.Count, failures.Count);
        return new FeatureExtractionReport(counts, skipped, failures);
    }

    /// <summary>The shard's cuts with their lines. A bad line takes a position like a cut, so each
    /// is reported by exactly one shard.</summary>
    static List<ManifestEntry> ReadShard(string manifestPath, ShardSpec shard, BadItemPolicy badItems, out int badLines)
    {
        int position = 0, bad = 0;
        var mine = new List<ManifestEntry>();
        foreach (var entry in Manifest.ReadEntries(manifestPath, line => { if (shard.Contains(position++)) { bad++; badItems.Report(line); } }))
            if (shard.Contains(position++)) mine.Add(entry);
        badLines = bad;
        return mine;
    }

    /// <summary>Featurises a batch (one dispose scope) and hands each cut's valid frames to the sink.</summary>
    static int WriteBatch(List<(ManifestEntry Entry, float[] Samples)> batch, IFeatureExtractor extractor, IFeatureSink sink, BadItemPolicy badItems)
    {
        using var scope = NewDisposeScope();
        var (features, lengths) = extractor.ExtractBatch(batch.Select(b => b.Samples).ToList()); // [B, T, F], [B]
        using var host = features.cpu();
        long[] frames = lengths.cpu().data<long>().ToArray();
        int written = 0;
        for (int b = 0; b < batch.Count; b++)
        {
            var entry = batch[b].Entry;
            if (frames[b] == 0)
            {
                badItems.Report(BadItem.Of(entry, "too-short", $"{entry.Cut.Source.Path}: too short for one {extractor.Name} frame"));
                continue;
            }
            float[] values = host[b].narrow(0, 0, frames[b]).contiguous().data<float>().ToArray();
            sink.Write(entry.Cut.Id, values, (int)frames[b]);
            written++;
        }
        return written;
    }

    interface IFeatureSink : IDisposable
    {
        bool Has(string id);
        void Write(string id, float[] values, int frames);
        void Complete();
    }

    sealed class StoreFeatureSink(string folder, FeatureExtractionOptions options, IFeatureExtractor extractor) : IFeatureSink
    {
        readonly FeatureShardWriter writer = new(folder, options.ShardIndex, options.ShardCount,
            new FeatureStoreLayout(extractor.Name, extractor.Dimension, options.Float16 ? "float16" : "float32"));

        public bool Has(string id) => writer.Done.Contains(id);
        public void Write(string id, float[] values, int frames) => writer.Append(id, values, frames);
        public void Complete() => writer.Complete();
        public void Dispose() => writer.Dispose();
    }

    sealed class NpyFeatureSink(string folder, int dimension) : IFeatureSink
    {
        public bool Has(string id) => File.Exists(PathOf(id));
        public void Write(string id, float[] values, int frames) => NpyFile.WriteFloat32(PathOf(id), values, frames, dimension);
        public void Complete() { }
        public void Dispose() { }

        /// <summary>The cut id as a file name ('/' and other unsafe characters become '_').</summary>
        string PathOf(string id) =>
            Path.Combine(folder, string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '\\' ? '_' : c)) + ".npy");
    }
}
