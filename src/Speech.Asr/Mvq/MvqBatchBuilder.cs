using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.Features;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Cuts → <see cref="MvqBatch"/>: the CTC batch, then each cut's teacher targets (cached, or
/// computed on the fly) laid
/// on the student's frames (4× subsampled fbank; R teacher frames per student frame). A cut the
/// store lacks is reported once through <c>notes</c> and counted in <see cref="MissingTargets"/>;
/// its KD targets are ignored, never filled with zeros.</summary>
public sealed class MvqBatchBuilder : IDisposable
{
    readonly CtcBatchBuilder inner;
    readonly ICodebookIndexSource? indexes;
    readonly FeatureStore? embeddings;
    readonly int ratio;
    readonly Device device;
    readonly IProgress<string>? notes;
    readonly HashSet<string> missing = new(StringComparer.Ordinal);

    public MvqBatchBuilder(CtcBatchBuilder inner, ICodebookIndexSource? indexes, FeatureStore? embeddings, int ratio, Device device, IProgress<string>? notes = null)
    {
        this.inner = inner;
        this.indexes = indexes;
        this.embeddings = embeddings;
        this.ratio = ratio;
        this.device = device;
        this.notes = notes;
    }

    /// <summary>Cuts seen without targets so far.</summary>
    public int MissingTargets => missing.Count;

    /// <summary>Reports every cut of the training set that the store lacks, before training starts.</summary>
    public void CheckCoverage(IEnumerable<Cut> cuts)
    {
        foreach (var cut in cuts)
        {
            if (indexes is not null && !indexes.Contains(cut)) Missing(cut.Id, indexes.Name);
            else if (embeddings is not null && !embeddings.Contains(cut.Id)) Missing(cut.Id, "the embeddings store");
        }
    }

    /// <summary>Encoder frames of <paramref name="featureFrames"/> fbank frames (two stride-2 convolutions of width 3).</summary>
    public static int StudentFrames(long featureFrames) => (int)Math.Max(0, ((featureFrames - 1) / 2 - 1) / 2);

    public MvqBatch Build(IReadOnlyList<Cut> cuts)
    {
        var asr = inner.Build(cuts);
        int frames = StudentFrames(asr.Features.shape[1]);
        if (indexes is not null)
        {
            int codebooks = indexes.BytesPerFrame;
            var rows = cuts.Select(cut =>
            {
                var bytes = indexes.TryRead(cut, out int teacherFrames);
                if (bytes is null) Missing(cut.Id, indexes.Name);
                return CodebookTargets.Align(bytes, teacherFrames, codebooks, frames, ratio);
            }).ToList();
            return new MvqBatch(asr, CodebookTargets.Batch(rows, frames, ratio * codebooks, device), null);
        }
        if (embeddings is not null) return EmbeddingTargets(asr, cuts, frames);
        return new MvqBatch(asr, null, null);
    }

    /// <summary>Embeddings <c>[B, T_s, R·D]</c>, R successive teacher frames concatenated, and the mask of student frames the teacher covers.</summary>
    MvqBatch EmbeddingTargets(AsrBatch asr, IReadOnlyList<Cut> cuts, int frames)
    {
        int dim = embeddings!.Layout.Dimension, width = ratio * dim;
        var values = new float[cuts.Count * frames * width];
        var mask = new bool[cuts.Count * frames];
        for (int b = 0; b < cuts.Count; b++)
        {
            if (!embeddings.Contains(cuts[b].Id))
            {
                Missing(cuts[b].Id, "the embeddings store");
                continue;
            }
            float[] cut = embeddings.Read(cuts[b].Id, out int teacherFrames);
            int covered = Math.Min(frames, teacherFrames / ratio); // student frames with all R teacher frames
            Array.Copy(cut, 0, values, (long)b * frames * width, (long)covered * width);
            for (int t = 0; t < covered; t++) mask[b * frames + t] = true;
        }
        return new MvqBatch(asr, tensor(values, new long[] { cuts.Count, frames, width }, device: device), // [B, T_s, R·D]
            tensor(mask, new long[] { cuts.Count, frames }, device: device)); // [B, T_s]
    }

    void Missing(string id, string where)
    {
        lock (missing) // batches are built on the loader's threads
            if (missing.Add(id)) notes?.Report($"missing KD targets: cut '{id}' is not in {where}; its KD term is skipped ({missing.Count} so far)");
    }

    public void Dispose() => inner.Dispose();
}
