using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Teacher codebook indexes laid on the student's frames. When the student runs at 1/R of
/// the teacher's frame rate, R successive teacher frames are concatenated into one target of R·N
/// indexes (icefall's concat_successive_codebook_indexes: teacher frames cut to R·T_s); frames the
/// teacher does not cover, and cuts without indexes, are <see cref="Ignore"/>.</summary>
public static class CodebookTargets
{
    /// <summary>The ignore index of the cross-entropy (padding).</summary>
    public const long Ignore = -100;

    /// <summary>One cut's targets <c>[studentFrames, R·N]</c> (row-major) from its indexes
    /// <c>[teacherFrames, N]</c> (null: none, all ignored).</summary>
    public static long[] Align(byte[]? indexes, int teacherFrames, int codebooks, int studentFrames, int ratio)
    {
        int width = ratio * codebooks;
        var targets = new long[studentFrames * width];
        Array.Fill(targets, Ignore);
        if (indexes is null) return targets;
        int usable = Math.Min(teacherFrames, studentFrames * ratio);
        for (int t = 0; t < usable; t++)
            for (int c = 0; c < codebooks; c++)
                targets[(t / ratio) * width + (t % ratio) * codebooks + c] = indexes[t * codebooks + c];
        return targets;
    }

    /// <summary>A batch of targets <c>[B, T_s, R·N]</c> int64 from each cut's aligned rows.</summary>
    public static Tensor Batch(IReadOnlyList<long[]> perCut, int studentFrames, int width, Device device)
    {
        var all = new long[perCut.Count * studentFrames * width];
        for (int b = 0; b < perCut.Count; b++) Array.Copy(perCut[b], 0, all, (long)b * studentFrames * width, perCut[b].Length);
        return tensor(all, new long[] { perCut.Count, studentFrames, width }, device: device); // [B, T_s, R·N]
    }
}
