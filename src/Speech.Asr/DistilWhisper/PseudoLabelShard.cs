using Speech.Core.Data;

namespace Speech.Asr.DistilWhisper;

/// <summary>File names of one shard's labels and its completion marker inside a labels folder.</summary>
public static class PseudoLabelShard
{
    public static string LabelsFile(string folder, ShardSpec shard) => Path.Combine(folder, $"labels.{shard.Index}-of-{shard.Count}.jsonl");

    public static string DoneMarker(string folder, ShardSpec shard) => Path.Combine(folder, $"labels.{shard.Index}-of-{shard.Count}.done");

    /// <summary>Where the shards of a labels folder stand (<paramref name="count"/> of them; null: the
    /// count its shard files name, which needs at least one of them there).</summary>
    public static ShardStatus Status(string folder, int? count = null)
    {
        int shards = count ?? CountIn(folder) ?? throw new Speech.Core.Errors.ManifestException(
            $"{folder}: no label shards yet, so the number of shards is unknown: give it");
        return ShardStatus.Scan(shards, s => File.Exists(DoneMarker(folder, s)), s => File.Exists(LabelsFile(folder, s)));
    }

    /// <summary>The N of the folder's <c>labels.i-of-N</c> files; null when there are none, an error
    /// when files of runs with different N are mixed.</summary>
    public static int? CountIn(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        var counts = Directory.GetFiles(folder, "labels.*-of-*.*")
            .Select(f => Path.GetFileName(f).Split('.')[1]).Select(p => p[(p.LastIndexOf("-of-", StringComparison.Ordinal) + 4)..])
            .Distinct().ToList();
        if (counts.Count > 1) throw new Speech.Core.Errors.ManifestException($"{folder}: shards of different runs (of-{string.Join(", of-", counts)})");
        return counts.Count == 1 && int.TryParse(counts[0], out int n) ? n : null;
    }

    /// <summary>The whole labels of a shard file; a torn last line is dropped and the file rewritten
    /// without it, so appending continues cleanly.</summary>
    public static List<PseudoLabel> ReadAndRepair(string file)
    {
        if (!File.Exists(file)) return new List<PseudoLabel>();
        var lines = File.ReadAllLines(file);
        var labels = lines.Select(PseudoLabel.TryParse).ToList();
        if (labels.Any(l => l is null))
            File.WriteAllLines(file, lines.Where((_, i) => labels[i] is not null));
        return labels.Where(l => l is not null).Select(l => l!).ToList();
    }
}
