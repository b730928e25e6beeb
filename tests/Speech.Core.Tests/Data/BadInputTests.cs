using Speech.Core.Data;
using Speech.Core.Data.Importers;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

/// <summary>Each kind of bad input either stops with a message naming the file and line, or is
/// reported and skipped, with counts that add up.</summary>
public sealed class BadInputTests
{
    static readonly string SampleFlac = Path.Combine(MiniCorpus.Root, "dev", "1009", "2009", "1009-2009-0000.flac");

    /// <summary>A chapter with: two good lines, a line whose audio is missing, a duplicate id, a
    /// malformed line, and one audio file no line mentions.</summary>
    static string BadChapter(TempDirectory temp)
    {
        string folder = Path.Combine(temp.Path, "corpus", "7", "70");
        Directory.CreateDirectory(folder);
        foreach (string id in new[] { "7-70-0000", "7-70-0001", "7-70-0009" }) File.Copy(SampleFlac, Path.Combine(folder, id + ".flac"));
        File.WriteAllLines(Path.Combine(folder, "7-70.trans.txt"), new[]
        {
            "7-70-0000 HELLO THERE", "7-70-0001 GOOD DAY", "7-70-0002 NO AUDIO HERE", "7-70-0001 SAID TWICE", "LONELYID",
        });
        return Path.Combine(temp.Path, "corpus");
    }

    [Fact]
    public void A_transcript_with_no_audio_stops_the_import_naming_file_and_line()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<ManifestException>(() => new LibriSpeechImporter().Import(BadChapter(temp), new ImportContext(new AudioReaderProbe())).ToList());
        Assert.Contains("7-70.trans.txt:3:", error.Message);
        Assert.Contains("7-70-0002.flac does not exist", error.Message);
    }

    [Fact]
    public void Skipping_reports_each_problem_and_the_counts_add_up()
    {
        using var temp = new TempDirectory();
        var problems = new List<ImportProblem>();
        var cuts = new LibriSpeechImporter().Import(BadChapter(temp), new ImportContext(new AudioReaderProbe(), problems.Add)).ToList();
        Assert.Equal(new[] { "7-70-0000", "7-70-0001" }, cuts.Select(c => c.Id));
        Assert.Equal(new int?[] { 3, 4, 5, null }, problems.Select(p => p.Line));
        Assert.Contains("duplicate id '7-70-0001'", problems[1].Problem);
        Assert.Contains("expected 'ID TRANSCRIPT'", problems[2].Problem);
        Assert.EndsWith("7-70-0009.flac", problems[3].File);
        Assert.Contains("no transcript", problems[3].Problem);
        Assert.Equal(5, cuts.Count + problems.Count(p => p.Line is not null)); // every transcript line accounted for
    }

    [Fact]
    public void Validation_names_corrupt_lines_missing_audio_and_mismatched_durations()
    {
        using var temp = new TempDirectory();
        string audio = temp.File("a.flac");
        File.Copy(SampleFlac, audio);
        double real = new AudioReaderProbe().Probe(audio).Duration;
        File.WriteAllText(temp.File("short.flac"), "not audio at all");
        string Line(string id, string file, double duration) =>
            $$"""{"id":"{{id}}","audio":"{{file}}","duration":{{duration.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"sample_rate":16000}""";
        File.WriteAllLines(temp.File("m.jsonl"), new[]
        {
            Line("good", "a.flac", real),
            Line("gone", "missing.flac", 1),
            """{"id":"broken", "audio": """,
            Line("long", "a.flac", real + 1),
            Line("junk", "short.flac", 1),
            Line("good", "a.flac", real),
        });

        var first = Assert.Throws<ManifestException>(() => new ManifestValidator(new AudioReaderProbe()).Validate(temp.File("m.jsonl")));
        Assert.Contains("m.jsonl:2: cut 'gone'", first.Message);
        Assert.Contains("missing.flac", first.Message);

        var report = new ManifestValidator(new AudioReaderProbe()).Validate(temp.File("m.jsonl"), new BadItemPolicy(skipBad: true));
        Assert.Equal(new[] { "good" }, report.Valid.Select(c => c.Id));
        Assert.Equal(new[] { "missing", "bad-line", "duration-mismatch", "unreadable", "bad-line" }, report.Skipped.Select(p => p.Kind));
        Assert.Equal(new[] { 2, 3, 4, 5, 6 }, report.Skipped.Select(p => p.Line)); // the file's own line numbers
        Assert.Contains("duplicate id 'good'", report.Skipped[4].Problem);
        Assert.DoesNotContain("LineNumber: 0", report.Skipped[1].Problem); // System.Text.Json's per-line position, not the file's
        Assert.Equal((6, 1, 5, 0), (report.Counts.Read, report.Counts.Done, report.Counts.Skipped, report.Counts.Failed));
    }
}
