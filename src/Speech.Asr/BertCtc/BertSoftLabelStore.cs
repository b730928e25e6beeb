using System.Text.Json;
using System.Text.Json.Nodes;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.BertCtc;

/// <summary>A folder of BERT soft labels: <c>store.json</c> (the BERT vocabulary's hash and size and
/// the <see cref="BertSoftLabelOptions"/>), one <c>targets.i-of-N.jsonl</c> per shard with its
/// <c>.done</c> marker. A store is tied to one vocabulary: a shard job or a reader with another
/// BERT's vocabulary is refused.</summary>
public static class BertSoftLabelStore
{
    public const string HeaderFile = "store.json";

    public static string TargetsFile(string folder, ShardSpec shard) => Path.Combine(folder, $"targets.{shard.Index}-of-{shard.Count}.jsonl");

    public static string DoneMarker(string folder, ShardSpec shard) => Path.Combine(folder, $"targets.{shard.Index}-of-{shard.Count}.done");

    /// <summary>Writes the header on first use; afterwards it must match (vocabulary hash, size and options).</summary>
    public static void Claim(string folder, string vocabularyHash, int vocabularySize, BertSoftLabelOptions options)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, HeaderFile);
        var header = new JsonObject
        {
            ["vocab_hash"] = vocabularyHash, ["vocab_size"] = vocabularySize,
            ["top_k"] = options.TopK, ["temperature"] = options.Temperature, ["context"] = options.ContextSentences,
        };
        if (!File.Exists(path)) { AtomicFile.WriteText(path, header.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return; }
        var stored = ReadHeader(folder);
        CheckVocabulary(folder, stored, vocabularyHash);
        foreach (string key in new[] { "top_k", "temperature", "context" })
            if (stored[key]?.ToJsonString() != header[key]!.ToJsonString())
                throw new ConfigException($"{path}: {key} is {stored[key]?.ToJsonString()} in this store, {header[key]!.ToJsonString()} now; use another --out");
    }

    /// <summary>Every label of a complete store, each cut exactly once, after checking that it was made
    /// with the vocabulary of hash <paramref name="vocabularyHash"/>.</summary>
    public static Dictionary<string, BertSoftLabel> Read(string folder, string vocabularyHash)
    {
        CheckVocabulary(folder, ReadHeader(folder), vocabularyHash);
        var files = Directory.GetFiles(folder, "targets.*-of-*.jsonl");
        if (files.Length == 0) throw new ManifestException($"{folder}: no soft-label shards (run speech bert-kd targets first)");
        var counts = files.Select(f => Path.GetFileName(f).Split('.')[1]).Select(p => p[(p.IndexOf("-of-", StringComparison.Ordinal) + 4)..])
            .Distinct().Select(n => int.TryParse(n, out int c) ? c : -1).ToList();
        if (counts.Count != 1 || counts[0] < 1) throw new ManifestException($"{folder}: shards of runs with different numbers of shards");
        int count = counts[0];
        var status = ShardStatus.Scan(count, s => File.Exists(DoneMarker(folder, s)), s => File.Exists(TargetsFile(folder, s)));
        if (!status.Complete) throw new ManifestException($"{folder}: shard {status.ToRerun[0]}/{count} is not finished (rerun bert-kd targets for it)");
        var labels = new Dictionary<string, BertSoftLabel>(StringComparer.Ordinal);
        foreach (string file in files.Order(StringComparer.Ordinal))
            foreach (var label in ReadShard(file, repair: false))
                if (!labels.TryAdd(label.Id, label)) throw new ManifestException($"{file}: cut '{label.Id}' has soft labels twice");
        return labels;
    }

    /// <summary>The labels of one shard file. With <paramref name="repair"/> a torn last line (a kill
    /// while writing) is cut off; any other bad line is an error naming it.</summary>
    public static List<BertSoftLabel> ReadShard(string file, bool repair)
    {
        if (!File.Exists(file)) return [];
        var lines = File.ReadAllLines(file);
        var labels = new List<BertSoftLabel>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            if (BertSoftLabel.TryParse(lines[i]) is { } label) { labels.Add(label); continue; }
            if (repair && i == lines.Length - 1) { File.WriteAllLines(file, lines.Take(i)); break; }
            throw new ManifestException($"{file}:{i + 1}: not a soft-label line");
        }
        return labels;
    }

    static JsonObject ReadHeader(string folder)
    {
        string path = Path.Combine(folder, HeaderFile);
        if (!File.Exists(path)) throw new ManifestException($"{path}: not found (not a soft-label store; run speech bert-kd targets first)");
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new ManifestException($"{path}: not a JSON object"); }
        catch (JsonException e) { throw new ManifestException($"{path}: not JSON ({e.Message})"); }
    }

    static void CheckVocabulary(string folder, JsonObject header, string vocabularyHash)
    {
        string? stored = header["vocab_hash"]?.GetValue<string>();
        if (stored != vocabularyHash)
            throw new ConfigException($"{Path.Combine(folder, HeaderFile)}: these soft labels were made with another BERT vocabulary " +
                                      $"(vocab hash {Short(stored)}, this BERT's is {Short(vocabularyHash)}); make the targets again with this BERT");
    }

    static string Short(string? hash) => hash is null ? "none" : hash[..Math.Min(12, hash.Length)];
}
