using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper.Engines;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Decoding;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Runtime;
using Speech.Core.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper eval</c>: teacher against one or more students on a test
/// manifest: WER after Whisper's English normaliser, parameter counts, and time spent in the
/// encoder and in the decoding loop (what a shallow decoder shrinks), each measured apart.</summary>
public static class EvalCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher Whisper folder or ggml file.", Required = true };
        var student = new Option<string[]>("--student") { Description = "Student Whisper folder(s); each is named by its run folder.", Required = true, AllowMultipleArgumentsPerToken = true };
        var manifest = new Option<string>("--manifest") { Description = "Test cuts with reference transcripts.", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together (1 = latency, as distil-whisper reports speed).", DefaultValueFactory = _ => 1 };
        var longForm = new Option<bool>("--long-form")
        {
            Description = "Also evaluate long-form: each speaker's cuts joined (0.3 s apart) into one recording, transcribed in overlapping windows " +
                          "and joined where the windows' tokens agree; reported as SET-long (encoder and decoding timed together).",
        };
        var precision = PrecisionOption.ForInference();
        var full = FullProjectionOption.Create();
        var results = new Option<string?>("--results") { Description = "Also append the table as TSV rows to this file (with the manifest's name)." };
        var command = new Command("eval", "Compare teacher and students: WER, parameters, encoder and decoding time.") { teacher, student, manifest, batch, longForm, precision, results, full };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            string manifestPath = parse.GetValue(manifest)!;
            var cuts = Manifest.Read(manifestPath).ToList();
            var audio = cuts.Select(c => CutAudio.Read(c, 16000)).ToList();
            var scorer = new WerScorer(new WhisperEnglishNormalizer());
            var chosen = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, device);
            var models = new[] { ("teacher", parse.GetValue(teacher)!) }.Concat(parse.GetValue(student)!.Select(s => (NameOf(s), s))).ToList();
            var rows = new List<EvalRow>();
            var longRows = new List<EvalRow>();
            foreach (var (name, path) in models)
            {
                using var model = WhisperModelFiles.Load(path);
                model.to(device);
                PrecisionOption.Apply(model, chosen);
                var tokenizer = WhisperTokenizer.ForModel(path, model.Config.VocabSize);
                rows.Add(Evaluate(name, model, tokenizer, cuts, audio, scorer, device, parse.GetValue(batch), parse.GetValue(full)));
                if (parse.GetValue(longForm)) longRows.Add(EvaluateLongForm(name, model, tokenizer, cuts, audio, scorer, device, parse.GetValue(batch)));
            }
            var writer = parse.InvocationConfiguration.Output;
            string set = Path.GetFileName(manifestPath).Split('.')[0];
            var lines = rows.Select(r => Line(set, r)).Concat(longRows.Select(r => Line(set + "-long", r))).ToList();
            writer.WriteLine("set\tmodel\tparameters\tdecoder_layer_parameters\twer_%\tencoder_s\tdecode_s\ttokens");
            lines.ForEach(writer.WriteLine);
            var t = rows[0];
            foreach (var s in rows.Skip(1))
                writer.WriteLine($"{s.Name}/teacher: {100.0 * (t.DecoderParameters - s.DecoderParameters) / t.DecoderParameters:F0} % fewer decoder-layer parameters, " +
                                 $"decoding {t.DecodeSeconds / Math.Max(1e-9, s.DecodeSeconds):F2}x faster " +
                                 $"(encoder + decoding {(t.EncoderSeconds + t.DecodeSeconds) / Math.Max(1e-9, s.EncoderSeconds + s.DecodeSeconds):F2}x), " +
                                 $"WER {s.Wer - t.Wer:+0.00;-0.00} points");
            if (parse.GetValue(results) is { } file)
            {
                if (!File.Exists(file)) File.WriteAllText(file, "set\tmodel\tparameters\tdecoder_layer_parameters\twer_%\tencoder_s\tdecode_s\ttokens\n");
                File.AppendAllLines(file, lines);
            }
            return CommandErrors.Success;
        });
        return command;
    }

    sealed record EvalRow(string Name, long Parameters, long DecoderParameters, double Wer, double EncoderSeconds, double DecodeSeconds, long Tokens);

    static EvalRow Evaluate(string name, WhisperModel model, WhisperTokenizer tokenizer, IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> audio, WerScorer scorer, Device device, int batchSize,
        bool fullProjection)
    {
        using var engine = new TorchWhisperEngine(model, tokenizer, device, batchSize, fullProjection: fullProjection);
        engine.Transcribe(audio.Take(1).ToList()); // warm-up
        double encoderSeconds = 0, decodeSeconds = 0;
        var texts = new List<string>();
        long tokens = 0;
        foreach (var chunk in audio.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var features = engine.Features(chunk);
            var clock = Stopwatch.StartNew();
            var states = model.Encode(features);
            _ = states.sum().to(ScalarType.Float32).item<float>(); // wait for the encoder (asynchronous on CUDA)
            encoderSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            var decoded = GreedyDecoder.Decode(model, states, engine.Options, engine.Search);
            decodeSeconds += clock.Elapsed.TotalSeconds;
            texts.AddRange(decoded.Select(d => tokenizer.Decode(d).Trim()));
            tokens += decoded.Sum(d => d.Length);
        }
        var wer = scorer.Score(cuts.Select((c, i) => (c.Id, c.Text ?? "", texts[i])));
        return new EvalRow(name, model.ParameterCount(), model.Decoder.LayerParameterCount, 100 * (wer.Wer ?? 0), encoderSeconds, decodeSeconds, tokens);
    }

    static string Line(string set, EvalRow r) =>
        string.Join('\t', set, r.Name, r.Parameters, r.DecoderParameters, F(r.Wer), F(r.EncoderSeconds), F(r.DecodeSeconds), r.Tokens);

    /// <summary>Each speaker's cuts as one recording (in manifest order, 0.3 s of silence between),
    /// transcribed by overlapping windows (a sixth of the window on each side).</summary>
    static EvalRow EvaluateLongForm(string name, WhisperModel model, WhisperTokenizer tokenizer, IReadOnlyList<Cut> cuts, IReadOnlyList<float[]> audio, WerScorer scorer, Device device, int batchSize)
    {
        var gap = new float[4800];
        var recordings = cuts.Select((c, i) => (Speaker: c.Speaker ?? c.Id, Cut: c, Audio: audio[i])).GroupBy(x => x.Speaker).ToList();
        var joined = recordings.Select(g => g.SelectMany(x => x.Audio.Concat(gap)).ToArray()).ToList();
        var references = recordings.Select(g => string.Join(' ', g.Select(x => x.Cut.Text ?? ""))).ToList();
        var engine = new TorchWhisperEngine(model, tokenizer, device, batchSize);
        using var chunked = new ChunkedTranscriber(engine, engine.WindowSamples, engine.WindowSamples / 16000.0 / 6, t => tokenizer.Decode(t));
        var clock = Stopwatch.StartNew();
        var transcripts = chunked.Transcribe(joined);
        double seconds = clock.Elapsed.TotalSeconds;
        var wer = scorer.Score(recordings.Select((g, i) => (g.Key, references[i], transcripts[i].Text)));
        return new EvalRow(name, model.ParameterCount(), model.Decoder.LayerParameterCount, 100 * (wer.Wer ?? 0), 0, seconds, transcripts.Sum(t => t.Tokens.Count));
    }

    /// <summary>A run's name: the folder above <c>model/</c>, or the folder itself.</summary>
    static string NameOf(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetFileName(full) == "model" ? Path.GetFileName(Path.GetDirectoryName(full)!) : Path.GetFileName(full);
    }

    static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
