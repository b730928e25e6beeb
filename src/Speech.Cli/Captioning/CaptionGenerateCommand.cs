using System.CommandLine;
using Speech.Captioning.Model;
using Speech.Captioning.Training;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.IO;
using TorchSharp;

namespace Speech.Cli.Captioning;

/// <summary><c>speech caption generate --model M --manifest C --out H.tsv</c>: one <c>ID&lt;TAB&gt;caption</c> line per clip.</summary>
public static class CaptionGenerateCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "Model folder (config.json, model.safetensors, vocab.json).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to caption.", Required = true };
        var output = new Option<string>("--out") { Description = "Captions: 'ID<TAB>caption' lines (the --hyp of speech score captions).", Required = true };
        var beam = new Option<int?>("--beam-size") { Description = "Beams (default: the model's, 3); 1 is greedy." };
        var command = new Command("generate", "Caption audio clips with a trained model.") { model, manifest, output, beam };
        command.SetAction(parse =>
        {
            var device = VerbContext.From(parse).Device;
            var (captioner, vocabulary) = CaptionCheckpoint.Load(parse.GetValue(model)!);
            using var owned = captioner;
            captioner.to(device);
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var writer = parse.InvocationConfiguration.Output;
            var outcome = ConsoleProgress.Run(writer, "caption generate", progress =>
                CaptionGeneration.Run(captioner, vocabulary, cuts, parse.GetValue(beam), device: device, progress: progress));
            AtomicFile.WriteText(parse.GetValue(output)!, string.Concat(outcome.Captions.Select(c => $"{c.Id}\t{c.Caption}\n")));
            foreach (string problem in outcome.Undecodable) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
            writer.WriteLine($"{outcome.Captions.Count} captions, {outcome.Undecodable.Count} undecodable clips skipped; {outcome.ModelSeconds:F2} s in the model");
            return CommandErrors.Success;
        });
        return command;
    }
}
