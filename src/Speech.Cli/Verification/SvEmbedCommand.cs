using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Embedding;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv embed --model DIR --manifest M --out E [--embedding class|distillation|mean|concat]</c>.</summary>
public static class SvEmbedCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model") { Description = "Speaker model folder (config.json + model.safetensors).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to embed.", Required = true };
        var output = new Option<string>("--out") { Description = "Embeddings file: 'ID v1 v2 ...' a line.", Required = true };
        var embedding = new Option<string?>("--embedding") { Description = "Token state to embed: class, distillation, mean or concat (default: the model's config)." };
        var batch = new Option<int>("--batch-size") { Description = "Utterances per forward pass.", DefaultValueFactory = _ => 16 };
        var command = new Command("embed", "L2-normalised speaker embeddings of every cut of a manifest.") { model, manifest, output, embedding, batch };
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var writer = parse.InvocationConfiguration.Output;
            var outcome = ConsoleProgress.Run(writer, "sv embed",
                p => SpeakerEmbedder.Embed(parse.GetValue(model)!, parse.GetValue(manifest)!, parse.GetValue(embedding), parse.GetValue(batch), p));
            EmbeddingFile.Write(parse.GetValue(output)!, outcome.Embeddings);
            writer.WriteLine($"{parse.GetValue(output)}: {outcome.Embeddings.Count} embeddings of width {outcome.Dimension}; " +
                             $"{outcome.Parameters:N0} parameters, {outcome.MillisecondsPerUtterance:F2} ms per utterance (model forward)");
            return CommandErrors.Success;
        });
        return command;
    }
}
