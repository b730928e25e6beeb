namespace Speech.Core.Data.Importers;

/// <summary>VoxCeleb layout: <c>SPEAKER/SESSION/NNNNN.wav</c> (or .flac). Cut ids are the paths
/// below the folder without extension (<c>id10270/x6uYqmx31kE/00001</c>), the form trial lists
/// use; speaker is the first folder. No transcripts.</summary>
public sealed class VoxCelebImporter : ICorpusImporter
{
    public string Name => "voxceleb";

    public string Description => "SPEAKER/SESSION/*.wav (VoxCeleb-like; trial lists via TrialList)";

    public IEnumerable<Cut> Import(string directory, ImportContext context)
    {
        ImporterChecks.RequireDirectory(directory);
        var files = new[] { "*.wav", "*.flac" }
            .SelectMany(pattern => Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        int done = 0;
        foreach (string file in files)
        {
            string relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            string[] parts = relative.Split('/');
            if (parts.Length != 3)
            {
                context.Report(new ImportProblem(file, null, "expected SPEAKER/SESSION/FILE below the corpus folder"));
                continue;
            }
            if (context.TryProbe(file, file, null) is not { } info) continue;
            context.Progress?.Report(new(++done, null));
            yield return new Cut(TrialList.IdOf(relative), new AudioSource(Path.GetFullPath(file)), 0, info.Duration, info.SampleRate, Speaker: parts[0]);
        }
    }
}
