using Speech.Core.Errors;

namespace Speech.Core.Data.Importers;

/// <summary>Checks every importer makes before reading.</summary>
internal static class ImporterChecks
{
    public static void RequireDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new ManifestException($"{directory}: corpus folder not found");
    }
}
