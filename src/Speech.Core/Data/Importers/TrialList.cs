namespace Speech.Core.Data.Importers;

/// <summary>VoxCeleb trial lists: <c>LABEL ENROLL TEST</c> a line, label 1 (same speaker) or 0,
/// utterances as relative paths (<c>id10270/x6uYqmx31kE/00001.wav</c>), matched to cut ids by
/// dropping the extension.</summary>
public static class TrialList
{
    public static string IdOf(string relativePath)
    {
        string normalised = relativePath.Replace('\\', '/');
        string extension = Path.GetExtension(normalised);
        return extension.Length > 0 ? normalised[..^extension.Length] : normalised;
    }

    /// <summary>Reads the trials; a malformed line, or an utterance not among
    /// <paramref name="knownIds"/> (when given), is reported (or throws when no handler is given).</summary>
    public static IReadOnlyList<Trial> Read(string path, ISet<string>? knownIds, ImportContext context)
    {
        if (!File.Exists(path)) throw new Errors.ManifestException($"{path}: trial list not found");
        var trials = new List<Trial>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || fields[0] is not ("0" or "1"))
            {
                context.Report(new ImportProblem(path, lineNumber, $"expected 'LABEL(0|1) ENROLL TEST', got '{line}'"));
                continue;
            }
            var trial = new Trial(fields[0] == "1", IdOf(fields[1]), IdOf(fields[2]));
            string? unknown = knownIds is null ? null : new[] { trial.Enroll, trial.Test }.FirstOrDefault(id => !knownIds.Contains(id));
            if (unknown is not null) context.Report(new ImportProblem(path, lineNumber, $"utterance '{unknown}' is not in the corpus"));
            else trials.Add(trial);
        }
        return trials;
    }
}
