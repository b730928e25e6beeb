using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Asr.Whisper.Engines;
using Speech.Asr.Whisper.Loading;
using Speech.Cli.Hosting;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper pseudo-label</c>: one shard of teacher labels (a separate
/// process per shard; a scheduler's array job can start them).</summary>
public static class PseudoLabelCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher: a Hugging Face Whisper folder or a ggml file.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to label.", Required = true };
        var output = new Option<string>("--out") { Description = "Labels folder (labels.i-of-N.jsonl and .done markers).", Required = true };
        var shard = new ShardOptions();
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together (sorted by duration).", DefaultValueFactory = _ => 8 };
        var decoding = new Whisper.WhisperDecodingOptions();
        var command = new Command("pseudo-label", "Label a manifest shard with the teacher's transcripts, greedy by default (resumable: rerun after a kill).")
            { teacher, manifest, output, batch };
        shard.AddTo(command);
        foreach (var option in decoding.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var spec = shard.Read(parse);
            var settings = decoding.Read(parse) with { BatchSize = parse.GetValue(batch) };
            string teacherPath = parse.GetValue(teacher)!;
            using var whisper = WhisperLoader.Load(teacherPath, verb.Device, ctcHeadFolder: settings.CtcWeight > 0 ? teacherPath : null);
            using var engine = new TorchWhisperEngine(whisper, settings);
            var job = new PseudoLabelJob(engine, parse.GetValue(batch));
            var writer = verb.Output;
            var outcome = ConsoleProgress.Run(writer, $"pseudo-label {spec}", p => job.Run(parse.GetValue(manifest)!, parse.GetValue(output)!, spec, p));
            writer.WriteLine(outcome.WasComplete
                ? $"shard {spec} was already complete ({outcome.ShardCuts} cuts); nothing to do"
                : $"shard {spec}: {outcome.ShardCuts} cuts, {outcome.AlreadyDone} already labelled, {outcome.Labelled} labelled now");
            return CommandErrors.Success;
        });
        return command;
    }
}
