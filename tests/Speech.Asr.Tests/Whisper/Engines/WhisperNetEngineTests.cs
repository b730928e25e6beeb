using Speech.Asr.Inference;
using Speech.Asr.Tests.Whisper;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper.Ggml;
using Speech.Asr.Whisper.Training;
using Speech.Asr.Whisper;
using Speech.Core.Data.Sampling;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.Training;
using Speech.Testing;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Whisper.Engines;

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

    /// <summary>Three decoder layers: whisper.cpp forces no_timestamps by itself on two-layer
    /// ("first release distilled") models, so this one checks our switch.</summary>
    static readonly WhisperConfig Trained = WhisperModelTests.TinyEnglish with { EncoderLayers = 2, DecoderLayers = 3, MaxTargetPositions = 64 };

    [Fact]
    public void A_trained_model_gives_the_same_tokens_in_whisper_net_and_in_our_engine()
    {
        using var temp = new TempDirectory();
        var cuts = MiniCorpus.Split("dev").Take(6).ToList();
        using var model = TrainedOn(cuts, temp.File("run"));
        string path = temp.File("ggml-trained.bin");
        GgmlWhisperExport.Write(model, path);

        var audio = cuts.Select(c => CutAudio.Read(c, 16000)).ToList();
        var tokenizer = WhisperTokenizer.English();
        using var torchEngine = new TorchWhisperEngine(model, tokenizer, new WhisperDecodingSettings { BatchSize = 3 });
        using var whisperNet = new WhisperNetEngine(path, threads: 1);
        var ours = torchEngine.Transcribe(audio);
        var theirs = whisperNet.Transcribe(audio);

        Assert.True(ours.Select(t => string.Join(",", t.Tokens)).Distinct().Count() >= 3, "the trained model should tell the utterances apart");
        for (int i = 0; i < cuts.Count; i++)
        {
            Assert.True(ours[i].Tokens.Count >= 2, $"{cuts[i].Id}: '{ours[i].Text}'");
            Assert.Equal(ours[i].Tokens, theirs[i].Tokens);
            Assert.Equal(ours[i].Text, theirs[i].Text);
        }
    }

    /// <summary>Overfits a few utterances, so each has a clear most likely next token at every step
    /// (a random model's near-ties would flip between f32 and whisper.cpp's f16 weights).</summary>
    static WhisperModel TrainedOn(IReadOnlyList<Cut> cuts, string folder)
    {
        manual_seed(11);
        var model = new WhisperModel(Trained);
        using var builder = new WhisperBatchBuilder(WhisperTokenizer.English(), Trained);
        var sampler = new DynamicBucketingSampler(cuts, new BucketingOptions { MaxDuration = 60, Buckets = 1, Seed = 1 });
        using var source = new SamplerBatchSource<WhisperBatch>(sampler, builder.Build);
        var options = new TrainerOptions { OutputDirectory = folder, MaxSteps = 150, LearningRate = 3e-3, WarmupSteps = 10, CheckpointEvery = 0, TensorBoard = false };
        new Trainer<WhisperBatch>(model, new WhisperCrossEntropyObjective(model), source, options).Run();
        model.eval();
        return model;
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
