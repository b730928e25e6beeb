using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper eval</c>: teacher against one or more students on a test
/// manifest (<see cref="WhisperEvaluation"/>): WER after Whisper's English normaliser, parameter
/// counts, and time spent in the encoder and in the decoding loop, each measured apart.</summary>
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
            var verb = VerbContext.From(parse);
            string manifestPath = parse.GetValue(manifest)!;
            var chosen = PrecisionOption.Resolve(parse, parse.GetValue(precision)!, verb.Device);
            var models = new[] { ("teacher", parse.GetValue(teacher)!) }
                .Concat(parse.GetValue(student)!.Select(s => (WhisperEvaluationTable.NameOf(s), s))).ToList();
            var (rows, longRows) = WhisperEvaluation.Run(models, manifestPath, verb.Device, chosen, parse.GetValue(batch), parse.GetValue(full), parse.GetValue(longForm));
            string set = Path.GetFileName(manifestPath).Split('.')[0];
            var lines = rows.Select(r => WhisperEvaluationTable.Line(set, r)).Concat(longRows.Select(r => WhisperEvaluationTable.Line(set + "-long", r))).ToList();
            verb.Output.WriteLine(WhisperEvaluationTable.Header);
            foreach (var line in lines) verb.Output.WriteLine(line);
            foreach (var s in rows.Skip(1)) verb.Output.WriteLine(WhisperEvaluationTable.Compare(rows[0], s));
            if (parse.GetValue(results) is { } file) WhisperEvaluationTable.Append(file, lines);
            return CommandErrors.Success;
        });
        return command;
    }
}
