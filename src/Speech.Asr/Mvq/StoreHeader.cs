using System.Text.Json;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.Mvq;

/// <summary>The JSON header file beside an MVQ store (embeddings, codebook indexes): written once by
/// the first shard, read back with errors that name the file and say what the folder is not.</summary>
static class StoreHeader
{
    /// <summary>Writes <paramref name="header"/> to FOLDER/<paramref name="fileName"/> unless a header is
    /// there already; true when it wrote one (otherwise the caller checks the existing one).</summary>
    public static bool WriteIfAbsent<T>(string folder, string fileName, T header)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        if (File.Exists(path)) return false;
        AtomicFile.WriteText(path, JsonSerializer.Serialize(header));
        return true;
    }

    /// <param name="notA">What the folder is not without the file, e.g. "a codebook index store".</param>
    /// <param name="writer">The verb that writes one, for the message.</param>
    /// <param name="kind">What the file is, for a parse error.</param>
    public static T Read<T>(string folder, string fileName, string notA, string writer, string kind) where T : class
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path)) throw new ConfigException($"{folder}: not {notA} ({fileName} missing; write one with '{writer}')");
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path)) ?? throw new ConfigException($"{path}: empty"); }
        catch (JsonException e) { throw new ConfigException($"{path}: not {kind} ({e.Message})"); }
    }
}
