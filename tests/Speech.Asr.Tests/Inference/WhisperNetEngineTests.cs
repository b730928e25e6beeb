using Speech.Asr.Inference;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Ggml;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Asr.Tests.Inference;

public sealed class WhisperNetEngineTests
{
    /// <summary>Whisper's English vocabulary and context sizes with tiny widths: whisper.cpp runs it.</summary>
    static readonly WhisperConfig Config = WhisperModelTests.TinyEnglish with { MaxSourcePositions = 1500, MaxTargetPositions = 448 };


    [Fact]
    public void Whisper_net_loads_and_runs_our_export()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(Config, 61);
        string path = temp.File("ggml-tiny-random.bin");
        GgmlWhisperExport.Write(model, path);

        using var engine = new WhisperNetEngine(path, threads: 1);
        var tone = Enumerable.Range(0, 16000).Select(i => 0.1f * MathF.Sin(2 * MathF.PI * 440 * i / 16000f)).ToArray();
        var result = engine.Transcribe(new[] { tone });
        Assert.Single(result);
        Assert.All(result[0].Tokens, id => Assert.InRange(id, 0, 50255));
    }

    [Fact]
    public void A_file_whisper_cpp_would_abort_on_is_refused_before_loading()
    {
        using var temp = new TempDirectory();
        using var model = WhisperModelTests.Varied(Config, 62);
        GgmlWhisperExport.Write(model, temp.File("ggml-good.bin"));
        var file = GgmlWhisperFile.Read(temp.File("ggml-good.bin"));
        var broken = file with
        {
            Tensors = file.Tensors.Select(t => t.Name != "encoder.conv2.weight" ? t
                : t with { Type = GgmlTensor.F32, Data = new byte[t.Data.Length * 2] }).ToList(),
        };
        string path = temp.File("ggml-f32-conv.bin");
        broken.Write(path);

        var error = Assert.Throws<CheckpointException>(() => new WhisperNetEngine(path));
        Assert.Contains("ggml-f32-conv.bin", error.Message);
        Assert.Contains("encoder.conv2.weight", error.Message);
    }
}
