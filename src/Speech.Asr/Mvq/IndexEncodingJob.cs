using Speech.Core.Data;
using Speech.Core.Features;
using Speech.Core.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Teacher embeddings → uint8 codebook indexes <c>[T, N]</c> per cut in a sharded, resumable
/// index store whose header names the quantizer id, bytes per frame and frame shift. The embeddings
/// come from a store written by <see cref="EmbeddingJob"/> or from the teacher run on the fly.</summary>
public sealed class IndexEncodingJob : IDisposable
{
    readonly List<IDisposable> owned = new();
    readonly MultiCodebookQuantizer quantizer;
    readonly int refinements;
    readonly Func<Cut, Tensor?> embed;
    readonly EmbeddingStoreInfo source;

    IndexEncodingJob(MultiCodebookQuantizer quantizer, int refinements, Func<Cut, Tensor?> embed, EmbeddingStoreInfo source)
    {
        if (quantizer.CodebookSize != 256)
            throw new Speech.Core.Errors.ConfigException($"quantizer {quantizer.Id} has codebooks of {quantizer.CodebookSize}; indexes are stored for codebooks of 256 (a trained, fused quantizer)");
        if (source.Dim != quantizer.Dim)
            throw new Speech.Core.Errors.ConfigException($"embeddings of {source.Teacher} are {source.Dim}-dimensional, quantizer {quantizer.Id} expects {quantizer.Dim}");
        this.quantizer = quantizer;
        this.refinements = refinements;
        this.embed = embed;
        this.source = source;
    }

    /// <summary>From a store of embeddings (<see cref="EmbeddingJob"/>); the caller keeps the store open while the job runs.</summary>
    public static IndexEncodingJob FromStore(MultiCodebookQuantizer quantizer, FeatureStore store, EmbeddingStoreInfo info, int refinements = 5) =>
        new(quantizer, refinements, cut => store.Contains(cut.Id) ? store.ReadTensor(cut.Id) : null, info);

    /// <summary>From the teacher, run on each cut's audio.</summary>
    public static IndexEncodingJob FromTeacher(MultiCodebookQuantizer quantizer, IEmbeddingTeacher teacher, int refinements = 5) =>
        new(quantizer, refinements, cut => teacher.Embed(CutAudio.Read(cut, 16000)), new EmbeddingStoreInfo(teacher.Description, teacher.Dim, teacher.FrameShift));

    /// <summary>Opens the quantizer and the source: an embeddings folder or, with <paramref name="embeddings"/>
    /// null, the teacher folder run on the fly at <paramref name="layer"/>. The job owns what it opened.</summary>
    public static IndexEncodingJob Open(string quantizerPath, string? embeddings, string? teacher, int layer, Device device, int refinements = 5)
    {
        if ((embeddings is null) == (teacher is null))
            throw new Speech.Core.Errors.ConfigException("give either the embeddings folder or the teacher folder (with its layer)");
        var quantizer = MultiCodebookQuantizer.Load(quantizerPath);
        var owned = new List<IDisposable> { quantizer };
        try
        {
            quantizer.to(device);
            IndexEncodingJob job;
            if (embeddings is not null)
            {
                var info = EmbeddingStoreInfo.Read(embeddings);
                var store = FeatureStore.Open(embeddings);
                owned.Add(store);
                job = FromStore(quantizer, store, info, refinements);
            }
            else
            {
                var model = EmbeddingTeachers.Load(teacher!, layer, device);
                owned.Add(model);
                job = FromTeacher(quantizer, model, refinements);
            }
            job.owned.AddRange(owned);
            return job;
        }
        catch
        {
            foreach (var item in owned) item.Dispose();
            throw;
        }
    }

    public string QuantizerId => quantizer.Id;

    /// <summary>Bytes per frame of the indexes.</summary>
    public int Codebooks => quantizer.NumCodebooks;

    public IndexEncodingResult Run(IReadOnlyList<Cut> cuts, string folder, ShardSpec shard, IProgress<WorkProgress>? progress = null)
    {
        new CodebookIndexStoreInfo(quantizer.Id, quantizer.NumCodebooks, source.FrameShift, source.Teacher).WriteOrCheck(folder);
        var mine = cuts.Where((_, position) => shard.Contains(position)).ToList();
        using var writer = new CodebookIndexShardWriter(folder, shard.Index, shard.Count, quantizer.NumCodebooks);
        if (writer.IsComplete) return new IndexEncodingResult(mine.Count, mine.Count, 0, 0, Array.Empty<string>(), WasComplete: true);
        int already = mine.Count(c => writer.Done.Contains(c.Id)), written = 0;
        long frames = 0;
        var missing = new List<string>();
        var device = quantizer.parameters().First().device;
        foreach (var cut in mine.Where(c => !writer.Done.Contains(c.Id)))
        {
            using var scope = NewDisposeScope();
            var embedding = embed(cut); // [T, D]
            if (embedding is null)
            {
                missing.Add(cut.Id);
                continue;
            }
            var indexes = quantizer.Encode(embedding.to(device), refinements).cpu(); // [T, N] uint8
            writer.Append(cut.Id, indexes.data<byte>().ToArray(), (int)indexes.shape[0]);
            frames += indexes.shape[0];
            progress?.Report(new WorkProgress(already + ++written + missing.Count, mine.Count, cut.Id));
        }
        // A shard with cuts left out is not done: a rerun after the embeddings are complete finishes it.
        if (missing.Count == 0) writer.Complete();
        return new IndexEncodingResult(mine.Count, already, written, frames, missing, WasComplete: false);
    }

    public void Dispose()
    {
        foreach (var item in owned) item.Dispose();
    }
}
