using Speech.Core.Data;
using Speech.Core.Features;
using Speech.Core.Progress;

namespace Speech.Asr.Mvq;

/// <summary>Teacher embeddings of a manifest shard into a float16 feature store (the quantizer's
/// training data, or the source of <see cref="IndexEncodingJob"/>). Resumable: cuts already stored
/// are skipped, a finished shard is marked done and left alone.</summary>
public sealed class EmbeddingJob(IEmbeddingTeacher teacher)
{
    public const string StoreKind = "mvq-embeddings";

    public EmbeddingJobResult Run(IReadOnlyList<Cut> cuts, string folder, ShardSpec shard, IProgress<WorkProgress>? progress = null)
    {
        new EmbeddingStoreInfo(teacher.Description, teacher.Dim, teacher.FrameShift).WriteOrCheck(folder);
        var mine = cuts.Where((_, position) => shard.Contains(position)).ToList();
        using var writer = new FeatureShardWriter(folder, shard.Index, shard.Count, new FeatureStoreLayout(StoreKind, teacher.Dim, "float16"));
        if (writer.IsComplete) return new EmbeddingJobResult(mine.Count, mine.Count, 0, 0, WasComplete: true);
        int already = mine.Count(c => writer.Done.Contains(c.Id)), written = 0;
        long frames = 0;
        foreach (var cut in mine.Where(c => !writer.Done.Contains(c.Id)))
        {
            using var embedding = teacher.Embed(CutAudio.Read(cut, 16000)); // [T, D]
            writer.Append(cut.Id, embedding.data<float>().ToArray(), (int)embedding.shape[0]);
            frames += embedding.shape[0];
            progress?.Report(new WorkProgress(already + ++written, mine.Count, cut.Id));
        }
        writer.Complete();
        return new EmbeddingJobResult(mine.Count, already, written, frames, WasComplete: false);
    }
}
