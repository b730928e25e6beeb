using System.CommandLine;
using Speech.Asr.Ctc;
using Speech.Asr.Inference;
using Speech.Cli.Hosting;
using Speech.Core.Runtime;
using TorchSharp;

namespace Speech.Cli.Asr;

/// <summary><c>speech asr decode --model DIR --manifest M --out HYPS</c>: CTC transcription of a
/// manifest (resumable), greedy by default.</summary>
public static class AsrDecodeCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "A CTC model folder (config.json, model.safetensors, vocab.json), e.g. RUN/model.", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to transcribe.", Required = true };
        var output = new Option<string>("--out") { Description = "Hypotheses manifest to write (resumable).", Required = true };
        var beam = new Option<int>("--beam") { Description = "1: greedy (parallel, the deployed decoder); more: CTC prefix beam search with this beam.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together.", DefaultValueFactory = _ => 16 };
        var command = new Command("decode", "Transcribe a manifest with a CTC model.") { model, manifest, output, beam, batch };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var device = DeviceChoice.Resolve(parse.GetValue(GlobalOptions.Device) ?? "auto");
            var (ctc, vocabulary) = CtcCheckpoint.Load(parse.GetValue(model)!);
            using var loaded = ctc;
            loaded.to(device);
            using var engine = new CtcEngine(loaded, vocabulary, device, parse.GetValue(batch), parse.GetValue(beam));
            var job = new TranscriptionJob(engine, parse.GetValue(batch));
            var writer = parse.InvocationConfiguration.Output;
            string outPath = parse.GetValue(output)!;
            var outcome = ConsoleProgress.Run(writer, "asr decode", progress => job.Run(parse.GetValue(manifest)!, outPath, progress));
            writer.WriteLine($"{outcome.Total} cuts: {outcome.AlreadyDone} already done, {outcome.Transcribed} transcribed -> {outPath}");
            return CommandErrors.Success;
        });
        return command;
    }
}
