using Speech.Core.Errors;

namespace Speech.Core.Data.Importers;

/// <summary>The importer table: one row per corpus layout.</summary>
public static class CorpusImporters
{
    public static readonly IReadOnlyList<ICorpusImporter> All = new ICorpusImporter[]
    {
        new LibriSpeechImporter(),
        new KaldiDataDirImporter(),
        new VoxCelebImporter(),
        new ClothoImporter(),
    };

    public static ICorpusImporter Get(string name) =>
        All.FirstOrDefault(i => i.Name == name)
        ?? throw new ConfigException($"unknown corpus kind '{name}'; valid: {string.Join(", ", All.Select(i => i.Name))}");
}
