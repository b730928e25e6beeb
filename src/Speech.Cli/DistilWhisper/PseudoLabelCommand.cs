using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper.Engines;
using System.CommandLine;
using Speech.Asr.DistilWhisper;
using Speech.Asr.Inference;
using Speech.Asr.Whisper;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Runtime;
using TorchSharp;

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
        var shard = new Option<string>("--shard") { Description = "This process's shard i/N (0-based).", DefaultValueFactory = _ => "0/1" };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together (sorted by duration).", DefaultValueFactory = _ => 8 };
        var decoding = new Whisper.WhisperDecodingOptions();
        var command = new Command("pseudo-label", "Label a manifest shard with the teacher's transcripts, greedy by default (resumable: rerun after a kill).")
            { teacher, manifest, output, shard, batch };
        foreach (var option in decoding.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var spec = ShardSpec.Parse(parse.GetValue(shard)!);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            var (beamSize, weight) = decoding.Read(parse);
            using var model = WhisperModelFiles.Load(parse.GetValue(teacher)!);
            using var head = weight > 0 ? WhisperCtcHead.Load(parse.GetValue(teacher)!, model.Config) : null;
            model.to(device);
            using var engine = new TorchWhisperEngine(model, WhisperTokenizer.ForModel(parse.GetValue(teacher)!, model.Config.VocabSize), device, parse.GetValue(batch),
                beamSize: beamSize, ctcHead: head, ctcWeight: weight);
            var job = new PseudoLabelJob(engine, parse.GetValue(batch));
            var writer = parse.InvocationConfiguration.Output;
            var outcome = ConsoleProgress.Run(writer, $"pseudo-label {spec}", p => job.Run(parse.GetValue(manifest)!, parse.GetValue(output)!, spec, p));
            writer.WriteLine(outcome.WasComplete
                ? $"shard {spec} was already complete ({outcome.ShardCuts} cuts); nothing to do"
                : $"shard {spec}: {outcome.ShardCuts} cuts, {outcome.AlreadyDone} already labelled, {outcome.Labelled} labelled now");
            return CommandErrors.Success;
        });
        return command;
    }
}
