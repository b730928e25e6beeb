using Speech.Core.Data;

namespace Speech.Asr.DistilWhisper;

/// <summary>File names of one shard's labels and its completion marker inside a labels folder.</summary>
public static class PseudoLabelShard
{
    public static string LabelsFile(string folder, ShardSpec shard) => Path.Combine(folder, $"labels.{shard.Index}-of-{shard.Count}.jsonl");

    public static string DoneMarker(string folder, ShardSpec shard) => Path.Combine(folder, $"labels.{shard.Index}-of-{shard.Count}.done");

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
