using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Progress;
using static TorchSharp.torch;

namespace Speech.Core.Features;

/// <summary>Features of a manifest's cuts, written once: to a sharded store or to .npy files.
/// Resumable (finished cuts are skipped) and tolerant (a bad cut is reported, not fatal).</summary>
public static class FeatureExtraction
{
    public static FeatureExtractionReport Run(IEnumerable<Cut> cuts, string outFolder, IFeatureExtractor extractor,
                                              FeatureExtractionOptions? options = null, IProgress<WorkProgress>? progress = null)
    {
        options ??= new FeatureExtractionOptions();
        if (options.ShardCount < 1 || options.ShardIndex < 0 || options.ShardIndex >= options.ShardCount)
            throw new ConfigException($"shard {options.ShardIndex}/{options.ShardCount} is not valid: use i/N with 0 <= i < N");
        var mine = cuts.Where((_, i) => i % options.ShardCount == options.ShardIndex).ToList();
        Directory.CreateDirectory(outFolder);
        using var sink = options.Format == FeatureFormat.Npy
            ? (IFeatureSink)new NpyFeatureSink(outFolder, extractor.Dimension)
            : new StoreFeatureSink(outFolder, options, extractor);
        if (sink.IsComplete) return new FeatureExtractionReport(mine.Count, 0, mine.Count, []);

        var failures = new List<ExtractionFailure>();
        int written = 0, alreadyDone = 0;
        var pending = new List<(Cut Cut, float[] Samples)>();
        void Flush()
        {
            if (pending.Count == 0) return;
            written += WriteBatch(pending, extractor, sink, failures);
            pending.Clear();
            progress?.Report(new WorkProgress(written + alreadyDone + failures.Count, mine.Count, $"failed {failures.Count}"));
        }
        foreach (var cut in mine)
        {
            if (sink.Has(cut.Id)) { alreadyDone++; continue; }
            try
            {
                float[] samples = CutAudio.Read(cut, extractor.SampleRate);
                if (samples.Length == 0) throw new AudioFormatException($"{cut.Source.Path}: no samples in {cut.Start:F3}+{cut.Duration:F3} s");
                pending.Add((cut, samples));
            }
            catch (AudioFormatException e)
            {
                failures.Add(new ExtractionFailure(cut.Id, e.Message));
            }
            if (pending.Count == options.BatchSize) Flush();
        }
        Flush();
        if (failures.Count == 0) sink.Complete();
        return new FeatureExtractionReport(mine.Count, written, alreadyDone, failures);
    }

    /// <summary>Featurises a batch (one dispose scope) and hands each cut's valid frames to the sink.</summary>
    static int WriteBatch(List<(Cut Cut, float[] Samples)> batch, IFeatureExtractor extractor, IFeatureSink sink, List<ExtractionFailure> failures)
    {
        using var scope = NewDisposeScope();
        var (features, lengths) = extractor.ExtractBatch(batch.Select(b => b.Samples).ToList()); // [B, T, F], [B]
        using var host = features.cpu();
        long[] frames = lengths.cpu().data<long>().ToArray();
        int written = 0;
        for (int b = 0; b < batch.Count; b++)
        {
            if (frames[b] == 0)
            {
                failures.Add(new ExtractionFailure(batch[b].Cut.Id, $"{batch[b].Cut.Source.Path}: too short for one {extractor.Name} frame"));
                continue;
            }
            float[] values = host[b].narrow(0, 0, frames[b]).contiguous().data<float>().ToArray();
            sink.Write(batch[b].Cut.Id, values, (int)frames[b]);
            written++;
        }
        return written;
    }

    interface IFeatureSink : IDisposable
    {
        bool IsComplete { get; }
        bool Has(string id);
        void Write(string id, float[] values, int frames);
        void Complete();
    }

    sealed class StoreFeatureSink(string folder, FeatureExtractionOptions options, IFeatureExtractor extractor) : IFeatureSink
    {
        readonly FeatureShardWriter writer = new(folder, options.ShardIndex, options.ShardCount,
            new FeatureStoreLayout(extractor.Name, extractor.Dimension, options.Float16 ? "float16" : "float32"));

        public bool IsComplete => writer.IsComplete;
        public bool Has(string id) => writer.Done.Contains(id);
        public void Write(string id, float[] values, int frames) => writer.Append(id, values, frames);
        public void Complete() => writer.Complete();
        public void Dispose() => writer.Dispose();
    }

    sealed class NpyFeatureSink(string folder, int dimension) : IFeatureSink
    {
        public bool IsComplete => false;
        public bool Has(string id) => File.Exists(PathOf(id));
        public void Write(string id, float[] values, int frames) => NpyFile.WriteFloat32(PathOf(id), values, frames, dimension);
        public void Complete() { }
        public void Dispose() { }

        /// <summary>The cut id as a file name ('/' and other unsafe characters become '_').</summary>
        string PathOf(string id) =>
            Path.Combine(folder, string.Concat(id.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '\\' ? '_' : c)) + ".npy");
    }
}
