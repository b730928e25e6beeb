using System.Globalization;
using System.Text;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Verification.Embedding;

/// <summary>Embeddings as text, one utterance a line: <c>ID v1 v2 … vE</c> (Kaldi's text vectors
/// without brackets), round-trip floats, invariant culture.</summary>
public static class EmbeddingFile
{
    public static void Write(string path, IReadOnlyDictionary<string, float[]> embeddings)
    {
        var text = new StringBuilder();
        foreach (var (id, vector) in embeddings.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(id);
            foreach (float v in vector) text.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteText(path, text.ToString());
    }

    /// <summary>Every line must parse and have the first line's width; a bad line throws naming it.</summary>
    public static Dictionary<string, float[]> Read(string path)
    {
        if (!File.Exists(path)) throw new SpeechException($"{path}: embeddings not found");
        var embeddings = new Dictionary<string, float[]>(StringComparer.Ordinal);
        int lineNumber = 0, width = -1;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var vector = new float[fields.Length - 1];
            for (int i = 1; i < fields.Length; i++)
                if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i - 1]))
                    throw new SpeechException($"{path}:{lineNumber}: '{fields[i]}' is not a number");
            if (width < 0) width = vector.Length;
            if (vector.Length == 0 || vector.Length != width)
                throw new SpeechException($"{path}:{lineNumber}: {vector.Length} values, expected {width}");
            if (!embeddings.TryAdd(fields[0], vector)) throw new SpeechException($"{path}:{lineNumber}: duplicate id '{fields[0]}'");
        }
        return embeddings;
    }
}
