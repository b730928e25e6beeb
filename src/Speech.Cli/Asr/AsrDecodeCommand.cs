using System.CommandLine;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Asr.Ctc;
using Speech.Asr.Inference;
using Speech.Cli.Hosting;
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
        var lmManifest = new Option<string?>("--lm-manifest")
        {
            Description = "With --beam > 1: fuse a character n-gram language model trained on this manifest's transcripts (e.g. the training set) into the beam search.",
        };
        var lmOrder = new Option<int>("--lm-order") { Description = "Characters of context of that language model, plus one.", DefaultValueFactory = _ => 6 };
        var lmWeight = new Option<double>("--lm-weight") { Description = "Weight of the language model's log-probability.", DefaultValueFactory = _ => 0.5 };
        var bonus = new Option<double>("--insertion-bonus") { Description = "Score added per emitted character (offsets the language model's preference for short outputs).", DefaultValueFactory = _ => 1.0 };
        var batch = new Option<int>("--batch-size") { Description = "Utterances decoded together.", DefaultValueFactory = _ => 16 };
        var command = new Command("decode", "Transcribe a manifest with a CTC model.") { model, manifest, output, beam, lmManifest, lmOrder, lmWeight, bonus, batch };
        command.SetAction(parse =>
        {
            var device = VerbContext.From(parse).Device;
            var (ctc, vocabulary) = CtcCheckpoint.Load(parse.GetValue(model)!);
            using var loaded = ctc;
            loaded.to(device);
            CtcLanguageModelFusion? fusion = null;
            if (parse.GetValue(lmManifest) is { } lmPath)
            {
                if (parse.GetValue(beam) < 2) throw new ConfigException("--lm-manifest needs --beam 2 or more (greedy decoding uses no language model)");
                var texts = Manifest.Read(lmPath).Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => c.Text!).ToList();
                if (texts.Count == 0) throw new ConfigException($"{lmPath}: no transcripts to train a language model on");
                fusion = new CtcLanguageModelFusion(CtcLanguageModelFusion.Train(vocabulary, texts, parse.GetValue(lmOrder)), parse.GetValue(lmWeight), parse.GetValue(bonus));
            }
            using var engine = new CtcEngine(loaded, vocabulary, device, parse.GetValue(batch), parse.GetValue(beam), fusion);
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
