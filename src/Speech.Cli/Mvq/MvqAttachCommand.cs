using System.CommandLine;
using Speech.Asr.Mvq;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.Mvq;

/// <summary><c>speech mvq attach --manifest M --indexes DIR --out M2 [--every N]</c>: the manifest again, each cut
/// with indexes in the store carrying a reference to them (extra field <c>codebook_indexes</c>, lhotse's
/// TemporalArray), so that <c>speech mvq train --manifest M2</c> needs no <c>--targets</c>.</summary>
public static class MvqAttachCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "The cuts (every one, or every N-th with --every, is written out again; none is dropped).", Required = true };
        var indexes = new Option<string>("--indexes") { Description = "Index store folder written by 'speech mvq encode' (all its shards finished).", Required = true };
        var quantizerId = new Option<string?>("--quantizer-id") { Description = "Refuse a store of any other quantizer (its 8-hex-digit id)." };
        var output = new Option<string>("--out") { Description = "Manifest to write (.jsonl or .jsonl.gz); store paths in it are relative to its folder.", Required = true };
        var selection = new MvqCutSelection();
        var command = new Command("attach", "Write the manifest with a reference to each cut's codebook indexes; cuts without indexes are kept, reported and counted.")
            { manifest, indexes, quantizerId, output, selection.Every };
        command.SetAction(parse =>
        {
            var verb = VerbContext.From(parse);
            string manifestPath = parse.GetValue(manifest)!, outPath = parse.GetValue(output)!;
            using var store = CodebookIndexStore.Open(parse.GetValue(indexes)!, parse.GetValue(quantizerId));
            var (cuts, missing) = IndexReferences.Attach(selection.Read(parse, manifestPath), store, outPath);
            foreach (string id in missing) verb.Error.WriteLine($"no indexes: cut '{id}' is not in {store.Folder} (kept without a reference)");
            Manifest.Write(outPath, cuts);
            verb.Output.WriteLine($"{cuts.Count} cuts: {cuts.Count - missing.Count} reference indexes of quantizer {store.Info.QuantizerId} " +
                                  $"({store.Info.BytesPerFrame} bytes a frame, frame shift {store.Info.FrameShift} s), {missing.Count} have none; written to {outPath}");
            return CommandErrors.Success;
        });
        return command;
    }
}
