using Speech.Testing;

namespace Speech.Cli.Tests.Data;

/// <summary>A manifest with one of each kind of bad item, for the verbs that read manifests: line 1
/// good, 2 missing audio, 3 not JSON, 4 good, 5 not audio. With <c>ioError</c> a sixth line names
/// /proc/self/mem, whose first read fails with EIO: an I/O failure, not a bad file.</summary>
public static class BadManifest
{
    public static string Write(TempDirectory folder, bool ioError = false)
    {
        string good = folder.File("good.flac");
        ExternalTool.Run("sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", good, "synth", "1", "sine", "440");
        File.WriteAllText(folder.File("noise.wav"), "not audio at all");
        string manifest = folder.File("cuts.jsonl");
        var lines = new List<string>
        {
            Line("one", "good.flac", 0),
            Line("gone", "nowhere.flac", 0),
            """{"id": broken""",
            Line("two", "good.flac", 0.5),
            Line("noise", "noise.wav", 0),
        };
        if (ioError) lines.Add(Line("eio", "/proc/self/mem", 0));
        File.WriteAllLines(manifest, lines);
        return manifest;
    }

    static string Line(string id, string audio, double offset) =>
        $$"""{"id":"{{id}}","audio":"{{audio}}","offset":{{offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"duration":0.5,"sample_rate":16000}""";
}
