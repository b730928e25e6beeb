namespace Speech.Core.Data.Importers;

/// <summary>A Kaldi table file (<c>KEY VALUE...</c> a line): key → (value, line number). Malformed
/// and repeated keys are reported against the file and line.</summary>
internal static class KaldiTable
{
    public static Dictionary<string, (string Value, int Line)> Read(string path, ImportContext context, bool required)
    {
        var table = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            if (required) context.Report(new ImportProblem(path, null, "required Kaldi file is missing"));
            return table;
        }
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] parts = line.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) context.Report(new ImportProblem(path, lineNumber, $"expected 'KEY VALUE', got '{line}'"));
            else if (!table.TryAdd(parts[0], (parts[1].Trim(), lineNumber))) context.Report(new ImportProblem(path, lineNumber, $"duplicate id '{parts[0]}'"));
        }
        return table;
    }
}
