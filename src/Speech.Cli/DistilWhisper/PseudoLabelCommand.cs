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
        var beam = new Option<int>("--beam")
        {
            Description = "1 labels with the teacher's greedy transcripts (distil-whisper's choice, and what speculative decoding reproduces); " +
                          "more: beam search with that many hypotheses, one utterance at a time.",
            DefaultValueFactory = _ => 1,
        };
        var ctcWeight = new Option<double>("--ctc-weight")
        {
            Description = "Label with joint CTC/attention beam search (--beam hypotheses) using the CTC head beside the teacher folder " +
                          "(a hybrid training run's): (1 - W) * log P(attention) + W * log P(CTC prefix). 0 (default): the attention decoder alone.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("pseudo-label", "Label a manifest shard with the teacher's transcripts, greedy by default (resumable: rerun after a kill).")
            { teacher, manifest, output, shard, batch, beam, ctcWeight };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var spec = ShardSpec.Parse(parse.GetValue(shard)!);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            int beamSize = parse.GetValue(beam);
            double weight = parse.GetValue(ctcWeight);
            if (beamSize < 1) throw new Speech.Core.Errors.ConfigException($"--beam {beamSize}: at least 1");
            if (weight is < 0 or > 1) throw new Speech.Core.Errors.ConfigException($"--ctc-weight {weight}: a weight in [0, 1]");
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
