using Speech.Asr.Mvq;
using Speech.Core.Errors;
using Speech.Core.Features;
using Speech.Core.Nn;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Mvq;

public sealed class MvqStudentPartsTests
{
    /// <summary>Teacher frames t0..t4 of two codebooks ([t, 10 + t] as indexes), a student at half the
    /// rate with 3 frames: rows (t0 | t1), (t2 | t3), (t4 | none) — five teacher frames fill 2.5 student frames.</summary>
    [Fact]
    public void Successive_teacher_frames_are_concatenated_and_the_rest_ignored()
    {
        var indexes = new byte[] { 0, 10, 1, 11, 2, 12, 3, 13, 4, 14 };
        long[] targets = CodebookTargets.Align(indexes, teacherFrames: 5, codebooks: 2, studentFrames: 3, ratio: 2);
        Assert.Equal(new long[] { 0, 10, 1, 11, 2, 12, 3, 13, 4, 14, -100, -100 }, targets);
        // Teacher frames past 2·T_s are cut (icefall truncates to 2·T_s).
        Assert.Equal(new long[] { 0, 10, 1, 11 }, CodebookTargets.Align(indexes, 5, 2, studentFrames: 1, ratio: 2));
        Assert.All(CodebookTargets.Align(null, 0, 2, 2, 2), v => Assert.Equal(-100, v));
    }

    [Fact]
    public void Independent_classifiers_give_one_256_way_distribution_per_codebook()
    {
        manual_seed(1);
        using var predictor = new CodebookPredictor(dim: 8, codebooks: 4);
        using var hidden = randn(2, 3, 8);
        using var logits = predictor.Forward(hidden);
        Assert.Equal(new long[] { 2, 3, 4, 256 }, logits.shape);
    }

    /// <summary>Teacher forcing: codebook c's logits change with the indexes of codebooks before c and
    /// never with c's own or later ones; codebook 0 sees none.</summary>
    [Fact]
    public void The_joint_predictor_sees_only_earlier_codebooks()
    {
        manual_seed(2);
        using var predictor = new CodebookPredictor(dim: 8, codebooks: 3, joint: true);
        using var hidden = randn(1, 2, 8);
        using var targets = tensor(new long[] { 5, 7, 9, 1, 2, CodebookTargets.Ignore }).view(1, 2, 3);
        using var changed = targets.clone();
        changed[0, 0, 1] = tensor(200L); // codebook 1 of frame 0
        using var a = predictor.Forward(hidden, targets);
        using var b = predictor.Forward(hidden, changed);
        using var difference = a.sub(b).abs().amax(new long[] { 3 }); // [1, 2, 3]
        float[] d = difference.data<float>().ToArray();
        Assert.Equal(0f, d[0]); // frame 0, codebook 0
        Assert.Equal(0f, d[1]); // frame 0, codebook 1: its own index changed
        Assert.True(d[2] > 0); // frame 0, codebook 2 sees codebook 1
        Assert.Equal(new[] { 0f, 0f, 0f }, d[3..]); // frame 1 untouched
    }

    [Fact]
    public void Time_warp_is_refused_with_frame_aligned_targets()
    {
        var error = Assert.Throws<ConfigException>(() => MvqKdObjective.RequireNoTimeWarp(new SpecAugmentOptions { TimeWarp = true }, "conf.yaml: training.spec_augment"));
        Assert.Contains("time-warp", error.Message);
        MvqKdObjective.RequireNoTimeWarp(new SpecAugmentOptions(), "masks only");
        MvqKdObjective.RequireNoTimeWarp(null, "none");
    }

    /// <summary>4 · 1024 / 16 = 256 (the acceptance's case); 2 · 1024 / 16 = 128.</summary>
    [Fact]
    public void Storage_is_256_times_smaller_than_float32_for_dim_1024_and_16_codebooks()
    {
        var report = new StorageReport(1024, 16);
        Assert.Equal((4096L, 2048L, 16L), (report.Float32BytesPerFrame, report.Float16BytesPerFrame, report.IndexBytesPerFrame));
        Assert.Equal(256.0, report.Float32Ratio);
        Assert.Equal(128.0, report.Float16Ratio);
        Assert.Contains("float32 embeddings: 4096 bytes per frame (256× the indexes)", report.Lines());
    }

    /// <summary>Indexes carry their quantizer id and frame shift; a reader expecting others is refused with both named.</summary>
    [Fact]
    public void Indexes_of_another_quantizer_or_frame_shift_are_refused_naming_both()
    {
        using var temp = new Speech.Testing.TempDirectory();
        new CodebookIndexStoreInfo("1234abcd", 8, 0.02, "teacher").WriteOrCheck(temp.Path);
        var other = Assert.Throws<ConfigException>(() => CodebookIndexStore.Open(temp.Path, "feedf00d", 0.02));
        Assert.Contains("indexes of quantizer 1234abcd, but quantizer feedf00d", other.Message);
        var shift = Assert.Throws<ConfigException>(() => CodebookIndexStore.Open(temp.Path, "1234abcd", 0.04));
        Assert.Contains("frame shift 0.02 s (quantizer 1234abcd), but 0.04 s", shift.Message);
    }

    [Fact]
    public void An_index_shard_resumes_after_a_torn_line_and_reads_back()
    {
        using var temp = new Speech.Testing.TempDirectory();
        new CodebookIndexStoreInfo("1234abcd", 2, 0.02, "teacher").WriteOrCheck(temp.Path);
        using (var writer = new CodebookIndexShardWriter(temp.Path, 0, 1, 2))
        {
            writer.Append("a", new byte[] { 1, 2, 3, 4 }, 2);
            writer.Append("b", new byte[] { 5, 6 }, 1);
        }
        string index = Path.Combine(temp.Path, CodebookIndexShardWriter.ShardStem(0, 1) + ".index.jsonl");
        File.WriteAllText(index, File.ReadAllText(index)[..^5]); // the kill tore b's line
        using (var writer = new CodebookIndexShardWriter(temp.Path, 0, 1, 2))
        {
            Assert.Equal(new[] { "a" }, writer.Done);
            writer.Append("b", new byte[] { 7, 8 }, 1);
            writer.Complete();
        }
        using var store = CodebookIndexStore.Open(temp.Path, "1234abcd", 0.02);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, store.TryRead("a", out int frames));
        Assert.Equal(2, frames);
        Assert.Equal(new byte[] { 7, 8 }, store.TryRead("b", out _));
        Assert.Null(store.TryRead("c", out _));
    }
}
