using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;
using Speech.Core.Audio;
using Speech.Core.Data;
using Speech.Core.Runtime;
using Speech.Core.Text;
using TorchSharp;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper eval</c>: teacher against student on a test manifest: WER after
/// Whisper's English normaliser, parameter counts, and decoding time.</summary>
public static class EvalCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher Whisper folder or ggml file.", Required = true };
        var student = new Option<string>("--student") { Description = "Student Whisper folder.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Test cuts with reference transcripts.", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together.", DefaultValueFactory = _ => 8 };
        var results = new Option<string?>("--results") { Description = "Also append the table as TSV rows to this file." };
        var command = new Command("eval", "Compare teacher and student: WER, parameters, decoding time.") { teacher, student, manifest, batch, results };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var audio = cuts.Select(c => AudioReader.Read(c, 16000)).ToList();
            var scorer = new WerScorer(new WhisperEnglishNormalizer());
            var rows = new List<(string Name, long Parameters, long DecoderParameters, double Wer, double Seconds)>();
            foreach (var (name, path) in new[] { ("teacher", parse.GetValue(teacher)!), ("student", parse.GetValue(student)!) })
            {
                using var model = WhisperModelFiles.Load(path);
                model.to(device);
                using var engine = new TorchWhisperEngine(model, WhisperTokenizer.English(), device, parse.GetValue(batch));
                engine.Transcribe(audio.Take(1).ToList()); // warm-up
                var clock = Stopwatch.StartNew();
                var hypotheses = engine.Transcribe(audio);
                double seconds = clock.Elapsed.TotalSeconds;
                var wer = scorer.Score(cuts.Select((c, i) => (c.Id, c.Text ?? "", hypotheses[i].Text)));
                rows.Add((name, model.ParameterCount(), model.Decoder.LayerParameterCount, 100 * (wer.Wer ?? 0), seconds));
            }
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine("model\tparameters\tdecoder_layer_parameters\twer_%\tdecode_s");
            var lines = rows.Select(r => string.Join('\t', r.Name, r.Parameters, r.DecoderParameters,
                r.Wer.ToString("F2", CultureInfo.InvariantCulture), r.Seconds.ToString("F2", CultureInfo.InvariantCulture))).ToList();
            lines.ForEach(writer.WriteLine);
            writer.WriteLine($"student/teacher: {100.0 * (rows[0].DecoderParameters - rows[1].DecoderParameters) / rows[0].DecoderParameters:F0} % fewer decoder-layer parameters, " +
                             $"{rows[0].Seconds / Math.Max(1e-9, rows[1].Seconds):F2}x faster, WER {rows[1].Wer - rows[0].Wer:+0.00;-0.00} points");
            if (parse.GetValue(results) is { } file) File.AppendAllLines(file, lines);
            return CommandErrors.Success;
        });
        return command;
    }
}
