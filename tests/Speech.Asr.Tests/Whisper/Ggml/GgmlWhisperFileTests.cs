using System.Text;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Ggml;
using Speech.Core.Errors;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Ggml;

public sealed class GgmlWhisperFileTests
{
    static readonly WhisperConfig Config = WhisperModelTests.TinyEnglish with { DModel = 32, EncoderAttentionHeads = 4, EncoderFfnDim = 128, DecoderLayers = 2, DecoderAttentionHeads = 4, DecoderFfnDim = 128, MaxSourcePositions = 50, MaxTargetPositions = 24 };

    static float[,] Filters()
    {
        var filters = new float[80, 201];
        for (int m = 0; m < 80; m++) filters[m, (m * 2) % 201] = 0.5f + m;
        return filters;
    }

    static byte[][] Vocabulary() => Enumerable.Range(0, 50257).Select(i => Encoding.UTF8.GetBytes($"t{i}")).ToArray();

    static string Describe((int Type, int[] Ne) record) => $"{(record.Type == 1 ? "f16" : "f32")} {string.Join("x", record.Ne)}";

    static string Export(TempDirectory temp, WhisperModel model)
    {
        string path = temp.File("ggml-test.bin");
        GgmlWhisperConverter.FromModel(model, Filters(), Vocabulary()).Write(path);
        return path;
    }

    [Fact]
    public void Header_and_tensor_records_follow_whisper_cpp_layout()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(Config, 51);
        string path = Export(temp, model);

        // Parsed here by hand, independently of GgmlWhisperFile.Read.
        using var reader = new BinaryReader(File.OpenRead(path));
        Assert.Equal(0x67676d6cu, reader.ReadUInt32());
        Assert.Equal(new[] { 51864, 50, 32, 4, 1, 24, 32, 4, 2, 80, 1 }, Enumerable.Range(0, 11).Select(_ => reader.ReadInt32()));
        Assert.Equal(80, reader.ReadInt32());
        Assert.Equal(201, reader.ReadInt32());
        var filters = Enumerable.Range(0, 80 * 201).Select(_ => reader.ReadSingle()).ToArray();
        Assert.Equal(0.5f + 3, filters[3 * 201 + 6]);
        Assert.Equal(50257, reader.ReadInt32());
        for (int i = 0; i < 50257; i++) reader.ReadBytes(reader.ReadInt32());

        var records = new Dictionary<string, (int Type, int[] Ne)>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            int dims = reader.ReadInt32(), nameLength = reader.ReadInt32(), type = reader.ReadInt32();
            int[] ne = Enumerable.Range(0, dims).Select(_ => reader.ReadInt32()).ToArray();
            string name = Encoding.UTF8.GetString(reader.ReadBytes(nameLength));
            reader.ReadBytes(ne.Aggregate(1, (a, b) => a * b) * (type == 1 ? 2 : 4));
            records[name] = (type, ne);
        }
        Assert.Equal("f16 3x80x32", Describe(records["encoder.conv1.weight"]));
        Assert.Equal("f32 1x32", Describe(records["encoder.conv2.bias"]));
        Assert.Equal("f32 32x50", Describe(records["encoder.positional_embedding"]));
        Assert.Equal("f16 32x51864", Describe(records["decoder.token_embedding.weight"]));
        Assert.Equal("f16 32x128", Describe(records["decoder.blocks.1.mlp.0.weight"]));
        Assert.Equal("f32 32", Describe(records["decoder.blocks.1.cross_attn_ln.bias"]));
        Assert.False(records.ContainsKey("encoder.blocks.0.attn.key.bias"));
        Assert.Equal(model.state_dict().Count, records.Count);
    }

    [Fact]
    public void Reading_back_gives_the_model_up_to_f16_rounding()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        using var model = WhisperModelTests.Varied(Config, 52);
        var file = GgmlWhisperFile.Read(Export(temp, model));
        Assert.Empty(GgmlCompatibility.Problems(file));
        using var loaded = GgmlWhisperConverter.ToModel(file, "test");
        var original = model.state_dict();
        foreach (var (name, parameter) in loaded.state_dict())
        {
            var expected = name.Contains("layer_norm") || name.EndsWith("bias") || name.Contains("embed_positions")
                ? original[name]
                : original[name].to(ScalarType.Float16).to(ScalarType.Float32);
            Assert.True(parameter.equal(expected).all().item<bool>(), $"{name} differs after the round trip");
        }
    }

    [Theory]
    [InlineData("model.encoder.layers.3.self_attn.k_proj.weight", "encoder.blocks.3.attn.key.weight")]
    [InlineData("model.decoder.layers.0.encoder_attn.k_proj.weight", "decoder.blocks.0.cross_attn.key.weight")]
    [InlineData("model.decoder.layers.1.encoder_attn_layer_norm.bias", "decoder.blocks.1.cross_attn_ln.bias")]
    [InlineData("model.encoder.layers.0.fc2.weight", "encoder.blocks.0.mlp.2.weight")]
    [InlineData("model.decoder.layers.2.final_layer_norm.weight", "decoder.blocks.2.mlp_ln.weight")]
    [InlineData("model.encoder.layer_norm.bias", "encoder.ln_post.bias")]
    [InlineData("model.decoder.embed_tokens.weight", "decoder.token_embedding.weight")]
    public void Names_map_as_whisper_cpps_converter_maps_them(string huggingFace, string ggml)
    {
        Assert.Equal(ggml, GgmlTensorNames.ToGgml(huggingFace));
        Assert.Equal(huggingFace, GgmlTensorNames.ToHuggingFace(ggml));
    }

    [Fact]
    public void A_model_without_whispers_vocabulary_is_refused()
    {
        using var model = new WhisperModel(Config with { VocabSize = 500, PadTokenId = 1, EosTokenId = 1, BosTokenId = 2, DecoderStartTokenId = 2 });
        var error = Assert.Throws<ConfigException>(() => GgmlWhisperConverter.FromModel(model, Filters(), Vocabulary()));
        Assert.Contains("vocab_size 500", error.Message);
    }

    [Fact]
    public void F32_conv_kernels_in_an_f16_file_are_flagged_before_whisper_cpp_sees_them()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(Config, 53);
        var file = GgmlWhisperFile.Read(Export(temp, model));
        var tensors = file.Tensors.Select(t => t.Name != "encoder.conv1.weight" ? t
            : t with { Type = GgmlTensor.F32, Data = new byte[t.Data.Length * 2] }).ToList();
        var problems = GgmlCompatibility.Problems(file with { Tensors = tensors });
        Assert.Single(problems);
        Assert.Contains("encoder.conv1.weight", problems[0]);
        Assert.Contains("abort", problems[0]);
    }

    [Fact]
    public void Truncated_and_foreign_files_are_clear_errors()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(Config, 54);
        string path = Export(temp, model);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(temp.File("cut.bin"), bytes[..(bytes.Length - 100)]);
        File.WriteAllBytes(temp.File("text.bin"), Encoding.ASCII.GetBytes("hello, not a model at all"));

        var truncated = Assert.Throws<CheckpointException>(() => GgmlWhisperFile.Read(temp.File("cut.bin")));
        Assert.Contains("cut.bin", truncated.Message);
        var foreign = Assert.Throws<CheckpointException>(() => GgmlWhisperFile.Read(temp.File("text.bin")));
        Assert.Contains("bad magic", foreign.Message);
    }
}
