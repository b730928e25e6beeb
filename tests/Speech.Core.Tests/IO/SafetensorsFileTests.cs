using System.Text;
using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Core.Tests.IO;

public sealed class SafetensorsFileTests
{
    /// <summary>A file laid out by hand from the format description: u64 header length, JSON, data.</summary>
    static byte[] HandMade(string json, byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        return BitConverter.GetBytes((ulong)header.Length).Concat(header).Concat(data).ToArray();
    }

    static byte[] Floats(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Reads_a_hand_made_file()
    {
        using var temp = new TempDirectory();
        byte[] data = Floats(1.5f, -2f, 3.25f).Concat(BitConverter.GetBytes(7L)).ToArray();
        File.WriteAllBytes(temp.File("x.safetensors"), HandMade(
            """{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},"n":{"dtype":"I64","shape":[1,1],"data_offsets":[12,20]}}""", data));

        var file = SafetensorsFile.Open(temp.File("x.safetensors"));
        Assert.Equal("pt", file.Metadata["format"]);
        using var w = file.Load("w");
        Assert.Equal(new[] { 1.5f, -2f, 3.25f }, w.data<float>().ToArray());
        using var n = file.Load("n");
        Assert.Equal(new long[] { 1, 1 }, n.shape);
        Assert.Equal(7L, n.item<long>());
    }

    [Fact]
    public void Writes_the_layout_the_format_describes()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        SafetensorsFile.Write(temp.File("y.safetensors"), new Dictionary<string, Tensor>
        {
            ["b"] = tensor(new float[] { 1, 2 }), ["a"] = tensor(new short[] { 5 }).to(ScalarType.Float16),
        });
        byte[] bytes = File.ReadAllBytes(temp.File("y.safetensors"));
        long headerLength = (long)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, (8 + headerLength) % 8); // data 8-byte aligned
        string json = Encoding.UTF8.GetString(bytes, 8, (int)headerLength).TrimEnd();
        Assert.Equal("""{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]},"b":{"dtype":"F32","shape":[2],"data_offsets":[2,10]}}""", json);
        byte[] data = bytes[(int)(8 + headerLength)..];
        Assert.Equal(BitConverter.GetBytes((Half)5).Concat(Floats(1, 2)), data);
    }

    [Fact]
    public void A_truncated_file_names_the_tensor_that_does_not_fit()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("cut.safetensors"), HandMade(
            """{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", Floats(1, 2, 3)));
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(temp.File("cut.safetensors")));
        Assert.Contains("cut.safetensors", error.Message);
        Assert.Contains("'w'", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_header_claiming_more_bytes_than_exist_is_refused_without_allocating_them()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("liar.safetensors"), BitConverter.GetBytes(ulong.MaxValue / 2).Concat(new byte[16]).ToArray());
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(temp.File("liar.safetensors")));
        Assert.Contains("header claims", error.Message);
    }

    [Fact]
    public void Shape_and_byte_range_must_agree()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("odd.safetensors"), HandMade(
            """{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", Floats(1, 2, 3)));
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(temp.File("odd.safetensors")));
        Assert.Contains("needs 16 bytes", error.Message);
    }
}
