using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Asr.DistilWhisper;

/// <summary>Joins the shards of a labels folder onto the manifest: every cut must have exactly one
/// label and every shard of the run must be complete. The result is the manifest, in its order,
/// with <c>extra.pseudo_label</c> (text) and <c>extra.pseudo_label_tokens</c>.</summary>
public static class PseudoLabelMerge
{
    public const string TextKey = "pseudo_label", TokensKey = "pseudo_label_tokens";

    public static int Merge(string manifestPath, string folder, string outputPath)
    {
        var shardFiles = Directory.Exists(folder) ? Directory.GetFiles(folder, "labels.*-of-*.jsonl") : Array.Empty<string>();
        if (shardFiles.Length == 0) throw new ManifestException($"{folder}: no label shards (run pseudo-label first)");
        var status = PseudoLabelShard.Status(folder); // the N of the shard files; runs of another N are refused
        if (status.ToRerun.Count > 0)
        {
            var shard = new ShardSpec(status.ToRerun[0], status.Count);
            throw new ManifestException($"{folder}: shard {shard} is not finished ({Path.GetFileName(PseudoLabelShard.DoneMarker(folder, shard))} missing)");
        }

        var labels = new Dictionary<string, PseudoLabel>(StringComparer.Ordinal);
        foreach (string file in shardFiles.Order(StringComparer.Ordinal))
            foreach (var label in PseudoLabelShard.ReadAndRepair(file))
                if (!labels.TryAdd(label.Id, label)) throw new ManifestException($"{file}: cut '{label.Id}' is labelled twice");

        var merged = new List<Cut>();
        foreach (var cut in Manifest.Read(manifestPath))
        {
            if (!labels.Remove(cut.Id, out var label)) throw new ManifestException($"{folder}: cut '{cut.Id}' of {manifestPath} has no label");
            merged.Add(cut.WithExtra(TextKey, JsonSerializer.SerializeToElement(label.Text))
                          .WithExtra(TokensKey, JsonSerializer.SerializeToElement(label.Tokens)));
        }
        if (labels.Count > 0) throw new ManifestException($"{folder}: {labels.Count} labels for cuts not in {manifestPath} (e.g. '{labels.Keys.First()}')");
        return Manifest.Write(outputPath, merged);
    }

    public static string? LabelOf(Cut cut) =>
        cut.Extras is not null && cut.Extras.TryGetValue(TextKey, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
