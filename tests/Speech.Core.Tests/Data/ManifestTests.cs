using System.Text.Json;
using Speech.Core.Data;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

public sealed class ManifestTests
{
    static Cut Sample(string id, string audio) => new(id, new AudioSource(audio, 1), 0.5, 2.25, 16000,
        "HELLO WORLD", "spk1", "en", new Dictionary<string, JsonElement> { ["pseudo_label"] = JsonSerializer.SerializeToElement("hello world") });

    [Theory]
    [InlineData("cuts.jsonl")]
    [InlineData("cuts.jsonl.gz")]
    public void Round_trips_every_field(string name)
    {
        using var temp = new TempDirectory();
        var cuts = new[] { Sample("a", temp.File("audio/a.flac")), Sample("b", "/elsewhere/b.wav") with { Text = null, Extras = null } };
        Assert.Equal(2, Manifest.Write(temp.File(name), cuts));

        var read = Manifest.Read(temp.File(name)).ToList();
        Assert.Equal(2, read.Count);
        Assert.Equal(cuts[0] with { Extras = null }, read[0] with { Extras = null });
        Assert.Equal("hello world", read[0].Extras!["pseudo_label"].GetString());
        Assert.Equal(cuts[1], read[1]);
    }

    [Fact]
    public void Audio_inside_the_manifest_folder_is_stored_relative()
    {
        using var temp = new TempDirectory();
        Manifest.Write(temp.File("m.jsonl"), new[] { Sample("a", temp.File("audio/a.flac")) });
        string line = File.ReadAllText(temp.File("m.jsonl"));
        Assert.Contains("\"audio\":\"audio/a.flac\"", line);
    }

    [Fact]
    public void A_bad_line_names_file_and_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("m.jsonl"), new[]
        {
            """{"id":"a","audio":"a.wav","duration":1,"sample_rate":16000}""",
            """{"id":"b","audio":"b.wav","duration":1""",
        });
        var error = Assert.Throws<ManifestException>(() => Manifest.Read(temp.File("m.jsonl")).ToList());
        Assert.Contains("m.jsonl:2:", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Bad_lines_can_be_skipped_and_counted()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("m.jsonl"), new[]
        {
            """{"id":"a","audio":"a.wav","duration":1,"sample_rate":16000}""",
            """{"id":"a","audio":"b.wav","duration":1,"sample_rate":16000}""",
            """{"id":"c","audio":"c.wav","duration":-1,"sample_rate":16000}""",
            """{"id":"d","audio":"d.wav","duration":1,"sample_rate":16000,"colour":"red"}""",
            """{"id":"e","audio":"e.wav","duration":2,"sample_rate":8000}""",
        });
        var problems = new List<ManifestProblem>();
        var cuts = Manifest.Read(temp.File("m.jsonl"), problems.Add).ToList();
        Assert.Equal(new[] { "a", "e" }, cuts.Select(c => c.Id));
        Assert.Equal(new[] { 2, 3, 4 }, problems.Select(p => p.Line));
        Assert.Contains("duplicate id 'a'", problems[0].Problem);
        Assert.Contains("unknown key 'colour'", problems[2].Problem);
        Assert.Equal(5, cuts.Count + problems.Count);
    }

    [Fact]
    public void Writing_a_duplicate_id_fails_and_leaves_no_file()
    {
        using var temp = new TempDirectory();
        var cut = Sample("a", temp.File("a.wav"));
        Assert.Throws<ManifestException>(() => Manifest.Write(temp.File("m.jsonl"), new[] { cut, cut }));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
