
namespace Speech.Testing;

/// <summary>The committed mini corpus (recipes/mini/data, made by `speech data synth`).</summary>
public static class MiniCorpus
{
    public static string Root => Path.Combine(RepositoryPaths.Root, "recipes", "mini", "data");

    /// <summary>Every transcript of every split, in file order.</summary>
    public static string[] Transcripts() =>
        Directory.EnumerateFiles(Root, "*.trans.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', 2)[1])
            .ToArray();

    /// <summary>The cuts of one split (train, dev, test), imported as the CLI does.</summary>
    public static List<Speech.Core.Data.Cut> Split(string split) =>
        new Speech.Core.Data.Importers.LibriSpeechImporter()
            .Import(Path.Combine(Root, split), new Speech.Core.Data.ImportContext(new Speech.Core.Data.AudioReaderProbe()))
            .ToList();
}
