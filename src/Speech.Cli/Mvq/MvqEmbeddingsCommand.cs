using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq embeddings --teacher DIR --layer L --manifest M --out DIR [--shard i/N]</c>:
/// one shard of a teacher layer's float16 embeddings (resumable).</summary>
public static class MvqEmbeddingsCommand
{
    public static Command Build()
    {
        var teacher = new Option<string>("--teacher") { Description = "Teacher folder: a Hugging Face Whisper model or a CTC model of this toolkit.", Required = true };
        var layer = new Option<int>("--layer") { Description = "Encoder block whose output is used, 1-based (icefall: 36 of HuBERT's 48).", Required = true };
        var manifest = new Option<string>("--manifest") { Description = "Cuts to embed (the quantizer's training subset, or all cuts for encoding later).", Required = true };
        var output = new Option<string>("--out") { Description = "Embeddings folder: a float16 feature store plus mvq_embeddings.json (teacher, dim, frame shift).", Required = true };
        var maxCuts = new Option<int?>("--max-cuts") { Description = "Only the first N cuts of the manifest (icefall trains its quantizer on 1,000 utterances)." };
        var selection = new MvqCutSelection();
        var shard = new ShardOptions();
        var command = new Command("embeddings", "Write a teacher layer's embeddings of a manifest shard, float16 (resumable: rerun after a kill).")
            { teacher, layer, manifest, output, maxCuts, selection.Every };
        shard.AddTo(command);
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            var spec = shard.Read(parse);
            var cuts = selection.Read(parse, parse.GetValue(manifest)!).Take(parse.GetValue(maxCuts) ?? int.MaxValue).ToList();
            using var model = EmbeddingTeachers.Load(parse.GetValue(teacher)!, parse.GetValue(layer), verb.Device);
            string outDir = parse.GetValue(output)!;
            var result = ConsoleProgress.Run(verb.Output, $"mvq embeddings {spec}", p => new EmbeddingJob(model).Run(cuts, outDir, spec, p));
            verb.Output.WriteLine(result.WasComplete
                ? $"shard {spec} was already complete ({result.ShardCuts} cuts); nothing to do"
                : $"shard {spec}: {result.ShardCuts} cuts, {result.AlreadyDone} already done, {result.Written} written ({result.FramesWritten} frames of {model.Dim} " +
                  $"from {model.Description}, {model.FrameShift:0.###} s apart) in {outDir}");
            return CommandErrors.Success;
        });
        return command;
    }
}
