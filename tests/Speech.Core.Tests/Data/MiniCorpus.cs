using Speech.Testing;

namespace Speech.Core.Tests.Data;

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
}
