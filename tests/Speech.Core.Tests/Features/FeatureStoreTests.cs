using System.Text;
using Speech.Core.Features;
using Speech.Testing;

namespace Speech.Core.Tests.Features;

/// <summary>The store reads back what was written (to float16 precision), resumes after a torn
/// write, and .npy files carry a valid NumPy header.</summary>
public sealed class FeatureStoreTests : IDisposable
{
    readonly TempDirectory folder = new("speech-store");

    public void Dispose() => folder.Dispose();

    static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void What_is_written_reads_back(bool float16)
    {
        var layout = new FeatureStoreLayout("fbank", 3, float16 ? "float16" : "float32");
        float[] a = Values(12, 1), b = Values(6, 2);
        using (var writer = new FeatureShardWriter(folder.Path, 0, 1, layout))
        {
            writer.Append("a", a, 4);
            writer.Append("b/with-slash", b, 2);
            writer.Complete();
        }

        using var store = FeatureStore.Open(folder.Path);
        Assert.Equal(2, store.Count);
        Assert.Equal(a.Select(v => float16 ? (float)(Half)v : v), store.Read("a", out int frames));
        Assert.Equal(4, frames);
        using var tensor = store.ReadTensor("b/with-slash");
        Assert.Equal([2L, 3L], tensor.shape);
    }

    [Fact]
    public void A_writer_killed_mid_cut_resumes_from_the_last_whole_cut()
    {
        var layout = new FeatureStoreLayout("whisper-mel", 2, "float32");
        using (var writer = new FeatureShardWriter(folder.Path, 1, 2, layout))
        {
            writer.Append("first", Values(4, 1), 2);
            writer.Append("second", Values(2, 2), 1);
        }
        // What a kill leaves: a torn index line and bytes of an unindexed cut.
        string stem = folder.File(FeatureStoreLayout.ShardStem(1, 2));
        File.AppendAllText(stem + ".index.jsonl", "{\"id\":\"thi");
        using (var data = new FileStream(stem + ".bin", FileMode.Append)) data.Write(new byte[20]);

        using (var writer = new FeatureShardWriter(folder.Path, 1, 2, layout))
        {
            Assert.Equal(["first", "second"], writer.Done.Order());
            Assert.False(writer.IsComplete);
            writer.Append("third", Values(6, 3), 3);
        }

        using var store = FeatureStore.Open(folder.Path);
        Assert.Equal(Values(6, 3), store.Read("third", out _));
        Assert.Equal((4 + 2 + 6) * 4, new FileInfo(stem + ".bin").Length);
    }

    [Fact]
    public void A_store_refuses_a_run_with_another_layout()
    {
        using (new FeatureShardWriter(folder.Path, 0, 1, new FeatureStoreLayout("fbank", 80, "float16"))) { }
        Assert.Throws<Speech.Core.Errors.ConfigException>(() => new FeatureShardWriter(folder.Path, 0, 1, new FeatureStoreLayout("whisper-mel", 80, "float16")));
    }

    [Fact]
    public void Npy_files_have_numpys_v1_header_dtype_and_shape()
    {
        string path = folder.File("x.npy");
        float[] values = Values(15, 4);

        NpyFile.WriteFloat32(path, values, 5, 3);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = bytes[8] | bytes[9] << 8;
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.EndsWith("\n", header);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), }", header);
        Assert.Equal(10 + headerLength + 15 * 4, bytes.Length);
        Assert.Equal(values[14], BitConverter.ToSingle(bytes, 10 + headerLength + 14 * 4));
    }
}
