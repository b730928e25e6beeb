using Speech.Core.Errors;

namespace Speech.Core.Text;

/// <summary>Kaldi <c>text</c> files: one <c>ID TEXT</c> line per utterance, the id ending at the
/// first space or tab (so <c>ID&lt;TAB&gt;TEXT</c>, as many tools write, reads the same as
/// <c>ID TEXT</c>); blank lines are skipped, a repeated id is an error naming file and line.</summary>
public static class IdTextFile
{
    static readonly char[] Separators = { ' ', '\t' };

    public static Dictionary<string, string> Read(string path)
    {
        if (!File.Exists(path)) throw new SpeechException($"{path}: not found");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (id, text) = Parse(line);
            if (!texts.TryAdd(id, text)) throw new SpeechException($"{path}:{lineNumber}: duplicate id '{id}'");
        }
        return texts;
    }

    /// <summary>The id (up to the first space or tab) and the text after that one separator
    /// (kept as written; normalisers collapse whitespace).</summary>
    public static (string Id, string Text) Parse(string line)
    {
        int end = line.IndexOfAny(Separators);
        return end < 0 ? (line, "") : (line[..end], line[(end + 1)..]);
    }
}
