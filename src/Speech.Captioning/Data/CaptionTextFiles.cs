using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Errors;

namespace Speech.Captioning.Data;

/// <summary>Reads captions for scoring. References: <c>ID&lt;TAB&gt;caption</c> lines (an id may repeat,
/// one line per reference) or a captions manifest (<c>.jsonl</c>/<c>.jsonl.gz</c>: the extra
/// <c>captions</c> array as the Clotho importer writes it, else the cut text). Hypotheses: one
/// <c>ID&lt;TAB&gt;caption</c> line per id. A line without a tab splits at its first space.</summary>
public static class CaptionTextFiles
{
    public const string CaptionsExtra = "captions";

    public static Dictionary<string, IReadOnlyList<string>> ReadReferences(string path)
    {
        if (IsManifest(path))
            return Manifest.Read(path).ToDictionary(c => c.Id, c => (IReadOnlyList<string>)CutCaptions(c, path), StringComparer.Ordinal);
        var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, caption, _) in ReadLines(path))
        {
            if (!references.TryGetValue(id, out var list)) references[id] = list = [];
            list.Add(caption);
        }
        return references.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    public static Dictionary<string, string> ReadHypotheses(string path)
    {
        var hypotheses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, caption, line) in ReadLines(path))
            if (!hypotheses.TryAdd(id, caption))
                throw new SpeechException($"{path}:{line}: a second hypothesis for id '{id}' (one line per id)");
        return hypotheses;
    }

    /// <summary>The reference captions of a cut: the <c>captions</c> extra, else its text.</summary>
    public static string[] CutCaptions(Cut cut, string source)
    {
        if (cut.Extras?.TryGetValue(CaptionsExtra, out var captions) == true)
        {
            if (captions.ValueKind != JsonValueKind.Array || captions.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                throw new SpeechException($"{source}: cut '{cut.Id}': extra '{CaptionsExtra}' is not an array of strings");
            return captions.EnumerateArray().Select(c => c.GetString()!).ToArray();
        }
        if (string.IsNullOrWhiteSpace(cut.Text)) throw new SpeechException($"{source}: cut '{cut.Id}' has neither captions nor text");
        return [cut.Text];
    }

    static bool IsManifest(string path) =>
        path.EndsWith(".jsonl", StringComparison.Ordinal) || path.EndsWith(".jsonl.gz", StringComparison.Ordinal);

    static IEnumerable<(string Id, string Caption, int Line)> ReadLines(string path)
    {
        if (!File.Exists(path)) throw new SpeechException($"{path}: not found");
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            int split = line.IndexOf('\t');
            if (split < 0) split = line.IndexOf(' ');
            if (split <= 0) throw new SpeechException($"{path}:{lineNumber}: expected 'ID<TAB>caption'");
            yield return (line[..split], line[(split + 1)..].Trim(), lineNumber);
        }
    }
}
