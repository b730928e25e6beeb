using System.Text.Json;

namespace Speech.Core.Data.Importers;

/// <summary>Clotho layout: a captions CSV (<c>file_name,caption_1,...,caption_5</c>) and the clips
/// in the same folder or an <c>audio/</c> folder beside it. One cut per clip (id = file name
/// without extension), <c>Text</c> = the first caption, all captions under extra
/// <c>captions</c>. A clip listed without audio, a row without five captions and a repeated
/// file name are problems.</summary>
public sealed class ClothoImporter : ICorpusImporter
{
    public const int CaptionsPerClip = 5;

    public string Name => "clotho";

    public string Description => "captions CSV (file_name,caption_1..caption_5) + audio/ (Clotho-like)";

    public IEnumerable<Cut> Import(string directory, ImportContext context)
    {
        ImporterChecks.RequireDirectory(directory);
        var csvFiles = Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).ToArray();
        if (csvFiles.Length != 1)
        {
            context.Report(new ImportProblem(directory, null, $"expected exactly one captions CSV, found {csvFiles.Length}"));
            yield break;
        }
        string csv = csvFiles[0];
        string audioFolder = Directory.Exists(Path.Combine(directory, "audio")) ? Path.Combine(directory, "audio") : directory;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(csv);
        bool header = true;
        foreach (var (line, fields) in CsvReader.Read(reader))
        {
            if (header) { header = false; continue; }
            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (fields.Count != 1 + CaptionsPerClip || fields.Skip(1).Any(string.IsNullOrWhiteSpace))
            {
                context.Report(new ImportProblem(csv, line, $"expected a file name and {CaptionsPerClip} captions, got {fields.Count - 1} field(s) after the name"));
                continue;
            }
            string file = fields[0];
            if (!seen.Add(file))
            {
                context.Report(new ImportProblem(csv, line, $"duplicate file name '{file}'"));
                continue;
            }
            string audio = Path.GetFullPath(Path.Combine(audioFolder, file));
            if (context.TryProbe(audio, csv, line) is not { } info) continue;
            var captions = JsonSerializer.SerializeToElement(fields.Skip(1).Select(c => c.Trim()).ToArray());
            yield return new Cut(Path.GetFileNameWithoutExtension(file), new AudioSource(audio), 0, info.Duration, info.SampleRate,
                fields[1].Trim(), Language: "en", Extras: new Dictionary<string, JsonElement> { ["captions"] = captions });
        }
    }
}
