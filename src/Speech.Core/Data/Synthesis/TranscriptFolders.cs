using Speech.Core.Errors;
using Speech.Core.Text;

namespace Speech.Core.Data.Synthesis;

/// <summary>The sentences of LibriSpeech-style folders: the text after the id on every line of
/// every <c>*.trans.txt</c> below them, upper-cased (what the synthesiser compares against).</summary>
public static class TranscriptFolders
{
    public static HashSet<string> Sentences(IEnumerable<string> folders)
    {
        var sentences = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            if (!Directory.Exists(folder)) throw new ConfigException($"{folder}: no such folder (LibriSpeech-style transcripts expected)");
            foreach (string file in Directory.EnumerateFiles(folder, "*.trans.txt", SearchOption.AllDirectories))
                foreach (string line in File.ReadLines(file))
                    if (IdTextFile.Parse(line).Text.Trim() is { Length: > 0 } text) sentences.Add(text.ToUpperInvariant());
        }
        return sentences;
    }

    /// <summary>Every word of the folders' sentences.</summary>
    public static HashSet<string> Words(IEnumerable<string> folders) =>
        Sentences(folders).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
}
