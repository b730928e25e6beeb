using System.IO.Compression;
using System.Text;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Core.Data;

/// <summary>Reads and writes manifests: one <see cref="Cut"/> a JSON line, optionally gzipped
/// (by the <c>.gz</c> extension or the gzip magic bytes). Reading streams; ids must be unique.</summary>
public static class Manifest
{
    /// <summary>Streams the cuts of <paramref name="path"/>. A bad line or a repeated id throws a
    /// <see cref="ManifestException"/> naming file and line, unless <paramref name="onBadLine"/> is
    /// given: then the line is reported there and skipped (read + skipped = lines).</summary>
    public static IEnumerable<Cut> Read(string path, Action<ManifestProblem>? onBadLine = null) =>
        ReadEntries(path, onBadLine).Select(entry => entry.Cut);

    /// <summary>As <see cref="Read"/>, each cut with the file and line it came from, so that a
    /// problem found later (its audio is missing, say) can still name the line.</summary>
    public static IEnumerable<ManifestEntry> ReadEntries(string path, Action<ManifestProblem>? onBadLine = null)
    {
        if (!File.Exists(path)) throw new ManifestException($"{path}: manifest not found");
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = OpenText(path);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Cut? cut = null;
            string? problem = null;
            try
            {
                cut = CutJson.Parse(line, directory);
                if (!seen.Add(cut.Id)) problem = $"duplicate id '{cut.Id}'";
            }
            catch (FormatException e)
            {
                problem = e.Message;
            }
            if (problem is null) { yield return new ManifestEntry(cut!, path, lineNumber); continue; }
            var report = new ManifestProblem(path, lineNumber, problem);
            if (onBadLine is null) throw new ManifestException(report.ToString());
            onBadLine(report);
        }
    }

    /// <summary>Writes <paramref name="cuts"/> to <paramref name="path"/> atomically (a temporary
    /// file renamed into place, so a reader never sees half a manifest); gzip when the name ends
    /// in <c>.gz</c>. Returns the number of cuts written. Throws on a repeated id.</summary>
    public static int Write(string path, IEnumerable<Cut> cuts)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int count = 0;
        AtomicFile.Write(full, stream =>
        {
            using var writer = CreateText(stream, gzip: full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
            foreach (var cut in cuts)
            {
                if (!seen.Add(cut.Id)) throw new ManifestException($"{path}: duplicate id '{cut.Id}' while writing");
                writer.Write(CutJson.Format(cut, directory));
                writer.Write('\n');
                count++;
            }
        });
        return count;
    }

    static StreamReader OpenText(string path)
    {
        var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int read = stream.Read(magic);
        stream.Position = 0;
        bool gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        return new StreamReader(gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream, Encoding.UTF8);
    }

    static StreamWriter CreateText(Stream stream, bool gzip) =>
        new(gzip ? new GZipStream(stream, CompressionLevel.Optimal) : stream, new UTF8Encoding(false));
}
