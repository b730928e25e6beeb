using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq encode --quantizer Q (--embeddings DIR | --teacher DIR --layer L) --manifest M
/// --out DIR [--shard i/N]</c>: uint8 codebook indexes per cut in a sharded, resumable store.</summary>
public static class MvqEncodeCommand
{
    public static Command Build()
    {
        var quantizerPath = new Option<string>("--quantizer") { Description = "Quantizer file written by 'speech mvq train-quantizer'.", Required = true };
        var embeddings = new Option<string?>("--embeddings") { Description = "Embeddings folder to encode (written by 'speech mvq embeddings')." };
        var teacher = new Option<string?>("--teacher") { Description = "Or: the teacher folder, run on the fly (with --layer)." };
        var layer = new Option<int>("--layer") { Description = "With --teacher: the encoder block, 1-based.", DefaultValueFactory = _ => 0 };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to encode.", Required = true };
        var output = new Option<string>("--out") { Description = "Index store folder: codebook_indexes.json (quantizer id, bytes per frame, frame shift) and shards.", Required = true };
        var refinements = new Option<int>("--refinements") { Description = "Refinement iterations of the index search (reference: 5).", DefaultValueFactory = _ => 5 };
        var selection = new MvqCutSelection();
        var shard = new ShardOptions();
        var command = new Command("encode", "Encode teacher embeddings into uint8 codebook indexes (T, N) per cut (resumable: rerun after a kill).")
            { quantizerPath, embeddings, teacher, layer, manifest, output, refinements, selection.Every };
        shard.AddTo(command);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var spec = shard.Read(parse);
            string? embeddingsDir = parse.GetValue(embeddings);
            var cuts = selection.Read(parse, parse.GetValue(manifest)!);
            using var job = IndexEncodingJob.Open(parse.GetValue(quantizerPath)!, embeddingsDir, parse.GetValue(teacher), parse.GetValue(layer),
                verb.Device, parse.GetValue(refinements));
            string outDir = parse.GetValue(output)!;
            var result = ConsoleProgress.Run(verb.Output, $"mvq encode {spec}", p => job.Run(cuts, outDir, spec, p));
            foreach (string id in result.Missing) verb.Error.WriteLine($"skipped (no embeddings): cut '{id}' is not in {embeddingsDir}");
            verb.Output.WriteLine(result.WasComplete
                ? $"shard {spec} was already complete ({result.ShardCuts} cuts); nothing to do"
                : $"shard {spec}: {result.ShardCuts} cuts: {result.AlreadyDone} already done, {result.Written} encoded ({result.FramesWritten} frames, " +
                  $"{job.Codebooks} bytes each, quantizer {job.QuantizerId}), {result.Missing.Count} without embeddings; indexes in {outDir}");
            return result.Missing.Count == 0 ? CommandErrors.Success : CommandErrors.BadInput;
        });
        return command;
    }
}
