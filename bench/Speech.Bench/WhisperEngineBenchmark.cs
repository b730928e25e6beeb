using Speech.Asr.Whisper.Engines;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using Speech.Asr.Whisper.Ggml;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>Our TorchSharp Whisper against Whisper.net (whisper.cpp) on the same weights, in one
/// run: time per 30 s window (encoder) and per decoded token, for Whisper tiny and base
/// dimensions, batch 1 and batch 8, printed with ratios. No pretrained weights can be had here,
/// so the weights are random and steered: a "silent" copy whose decoder always says end-of-text
/// (a window costs the encoder plus one decoder pass) and a "talkative" copy that never does
/// (it decodes to whisper.cpp's limit of half the text context less 4: 60 tokens with the 128
/// positions used here, enough for a pseudo-label); their difference over 60 is the cost per token.</summary>
public static class WhisperEngineBenchmark
{
    const int Batch = 8, Rounds = 3;

    // Arguments: [threads (2)] [sizes (tiny,base)].

    public static void Run(string[] args, TextWriter output)
    {
        int threads = args.Length > 0 && int.TryParse(args[0], out int t) ? t : 2;
        set_num_threads(threads);
        output.WriteLine($"threads {threads}; times are medians of {Rounds} rounds; ratio = Whisper.net time / ours (> 1: ours faster)");
        output.WriteLine($"{"model",-6} {"measure",-34} {"Whisper.net",12} {"ours fp32",12} {"ratio",7} {"ours bf16",12} {"ratio",7}");
        string[] sizes = args.Length > 1 ? args[1].Split(',') : new[] { "tiny", "base" };
        foreach (string size in sizes) RunSize(size, threads, output);
    }

    static void RunSize(string size, int threads, TextWriter output)
    {
        var config = WhisperConfig.Named[size] with { MaxTargetPositions = 128 };
        string folder = Directory.CreateTempSubdirectory("speech-bench-").FullName;
        try
        {
            int limit = config.MaxTargetPositions / 2 - 4; // whisper.cpp's n_max
            var window = Window(config);
            var cost = new Dictionary<string, (double Net, double Fp32, double Bf16)>();
            foreach (bool talkative in new[] { false, true })
            {
                using var model = Steered(config, talkative);
                string path = Path.Combine(folder, $"ggml-{size}-{(talkative ? "talk" : "silent")}.bin");
                GgmlWhisperExport.Write(model, path);
                using var engine = new WhisperNetEngine(path, threads);
                double net = Median(() => engine.Transcribe(new[] { window }));
                double fp32 = Median(() => OursWindow(model, window, 1, talkative ? limit : 0));
                double fp32Batch = Median(() => OursWindow(model, window, Batch, talkative ? limit : 0)) / Batch;
                model.to(ScalarType.BFloat16);
                double bf16 = Median(() => OursWindow(model, window, 1, talkative ? limit : 0));
                double bf16Batch = Median(() => OursWindow(model, window, Batch, talkative ? limit : 0)) / Batch;
                string key = talkative ? "talk" : "silent";
                cost[key] = (net, fp32, bf16);
                cost[key + "8"] = (net, fp32Batch, bf16Batch); // Whisper.net has no batching: one window at a time
            }
            Row(output, size, "30 s window, encoder + 1 pass, b1", cost["silent"]);
            Row(output, size, "30 s window, per window at b8", cost["silent8"]);
            (double, double, double) PerToken(string talk, string silent) =>
                ((cost[talk].Net - cost[silent].Net) / limit, (cost[talk].Fp32 - cost[silent].Fp32) / limit, (cost[talk].Bf16 - cost[silent].Bf16) / limit);
            Row(output, size, "per decoded token, b1", PerToken("talk", "silent"));
            Row(output, size, "per decoded token per row, b8", PerToken("talk8", "silent8"));
            // Labelling throughput for 30 s windows of 20 tokens each, from the measured parts.
            (double, double, double) Labelling(string b) => (1 / (cost["silent"].Net + 20 * PerToken("talk", "silent").Item1),
                1 / (cost["silent" + b].Fp32 + 20 * PerToken("talk" + b, "silent" + b).Item2),
                1 / (cost["silent" + b].Bf16 + 20 * PerToken("talk" + b, "silent" + b).Item3));
            RowRate(output, size, "labelling, windows/s (20 tok), b1", Labelling(""));
            RowRate(output, size, "labelling, windows/s (20 tok), b8", Labelling("8"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Random weights whose decoder always picks end-of-text (silent) or a text token
    /// (talkative): the final norm gives every position the same state, along that token's
    /// embedding. Every layer still runs, so the timing is a real decoder's.</summary>
    internal static WhisperModel Steered(WhisperConfig config, bool talkative)
    {
        manual_seed(1);
        var model = new WhisperModel(config);
        model.eval();
        using var guard = no_grad();
        var state = model.state_dict();
        long target = talkative ? 262 : 50256; // " the" or <|endoftext|>
        var embedding = state["model.decoder.embed_tokens.weight"];
        using var ten = 10.ToScalar();
        embedding[target].mul_(ten);
        state["model.decoder.layer_norm.weight"].zero_();
        state["model.decoder.layer_norm.bias"].copy_(embedding[target] / embedding[target].norm());
        return model;
    }

    /// <summary>Encoder over B windows, then greedy decoding of exactly <paramref name="tokens"/> tokens.</summary>
    static void OursWindow(WhisperModel model, float[] window, int batch, int tokens)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var mel = randn(batch, model.Config.NumMelBins, model.Config.MaxSourcePositions * 2).to(model.parameters().First().dtype);
        var states = model.Encode(mel);
        var options = new GreedyOptions(new long[] { 50257, 50362 }, EndToken: -1, MaxNewTokens: Math.Max(1, tokens));
        GreedyDecoder.Decode(model, states, options);
    }

    static float[] Window(WhisperConfig config)
    {
        var random = new Random(3);
        return Enumerable.Range(0, config.MaxSourcePositions * 320)
            .Select(i => (float)(0.1 * Math.Sin(2 * Math.PI * 300 * i / 16000) + 0.01 * (random.NextDouble() - 0.5))).ToArray();
    }

    static double Median(Action action) => MedianTime.Seconds(action, Rounds);

    static void Row(TextWriter output, string size, string measure, (double Net, double Fp32, double Bf16) s) =>
        output.WriteLine($"{size,-6} {measure,-34} {s.Net * 1e3,10:F1}ms {s.Fp32 * 1e3,10:F1}ms {s.Net / s.Fp32,7:F2} {s.Bf16 * 1e3,10:F1}ms {s.Net / s.Bf16,7:F2}");

    static void RowRate(TextWriter output, string size, string measure, (double Net, double Fp32, double Bf16) s) =>
        output.WriteLine($"{size,-6} {measure,-34} {s.Net,12:F2} {s.Fp32,12:F2} {s.Fp32 / s.Net,7:F2} {s.Bf16,12:F2} {s.Bf16 / s.Net,7:F2}");
}
