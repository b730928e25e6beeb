using Speech.Core.Data;
using Speech.Core.Data.Importers;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Data;

/// <summary>Kaldi, VoxCeleb-like and Clotho-like importers on small fake layouts built from one
/// mini-corpus file (its length from soxi).</summary>
public sealed class OtherImporterTests
{
    static readonly string SampleFlac = Path.Combine(MiniCorpus.Root, "dev", "1009", "2009", "1009-2009-0000.flac");
    static double SampleSeconds => double.Parse(ExternalTool.Run("soxi", "-D", SampleFlac), System.Globalization.CultureInfo.InvariantCulture);
    static ImportContext Strict => new(new AudioReaderProbe());

    [Fact]
    public void Kaldi_segments_become_spans_with_text_and_speaker()
    {
        using var temp = new TempDirectory();
        File.Copy(SampleFlac, temp.File("rec1.flac"));
        File.WriteAllLines(temp.File("wav.scp"), new[] { "rec1 rec1.flac" });
        File.WriteAllLines(temp.File("segments"), new[] { "utt-b rec1 0.50 0.90", "utt-a rec1 0 0.5" });
        File.WriteAllLines(temp.File("text"), new[] { "utt-a HELLO", "utt-b WORLD AGAIN" });
        File.WriteAllLines(temp.File("utt2spk"), new[] { "utt-a spk1", "utt-b spk2" });
        var cuts = new KaldiDataDirImporter().Import(temp.Path, Strict).ToList();
        Assert.Equal(new[] { "utt-a", "utt-b" }, cuts.Select(c => c.Id));
        Assert.Equal((0.5, 0.4, "WORLD AGAIN", "spk2"), (cuts[1].Start, Math.Round(cuts[1].Duration, 9), cuts[1].Text, cuts[1].Speaker));
    }

    [Fact]
    public void Kaldi_without_segments_uses_whole_recordings_and_names_a_piped_entry()
    {
        using var temp = new TempDirectory();
        File.Copy(SampleFlac, temp.File("rec1.flac"));
        File.WriteAllLines(temp.File("wav.scp"), new[] { "rec1 rec1.flac", "rec2 sox x.wav -t wav - |" });
        var problems = new List<ImportProblem>();
        var cuts = new KaldiDataDirImporter().Import(temp.Path, new ImportContext(new AudioReaderProbe(), problems.Add)).ToList();
        Assert.Equal(SampleSeconds, Assert.Single(cuts).Duration, 5);
        Assert.Equal(2, Assert.Single(problems).Line);
    }

    [Fact]
    public void VoxCeleb_ids_match_trial_paths()
    {
        using var temp = new TempDirectory();
        foreach (string relative in new[] { "id1/sessA/00001.flac", "id1/sessB/00001.flac", "id2/sessC/00001.flac" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp.File(relative))!);
            File.Copy(SampleFlac, temp.File(relative));
        }
        var cuts = new VoxCelebImporter().Import(temp.Path, Strict).ToList();
        Assert.Equal(new[] { "id1/sessA/00001", "id1/sessB/00001", "id2/sessC/00001" }, cuts.Select(c => c.Id));
        Assert.Equal(new[] { "id1", "id1", "id2" }, cuts.Select(c => c.Speaker));

        File.WriteAllLines(temp.File("trials.txt"), new[] { "1 id1/sessA/00001.wav id1/sessB/00001.wav", "0 id1/sessA/00001.wav id2/sessC/00001.wav", "1 id9/x/1.wav id1/sessA/00001.wav" });
        var known = cuts.Select(c => c.Id).ToHashSet();
        var error = Assert.Throws<ManifestException>(() => TrialList.Read(temp.File("trials.txt"), known, Strict));
        Assert.Contains("trials.txt:3: utterance 'id9/x/1'", error.Message);
        var problems = new List<ImportProblem>();
        var trials = TrialList.Read(temp.File("trials.txt"), known, new ImportContext(new AudioReaderProbe(), problems.Add));
        Assert.Equal(new[] { true, false }, trials.Select(t => t.Target));
        Assert.Single(problems);
    }

    [Fact]
    public void Clotho_keeps_five_captions_with_quoted_commas()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("audio"));
        File.Copy(SampleFlac, temp.File("audio/rain.flac"));
        File.WriteAllText(temp.File("captions.csv"),
            "file_name,caption_1,caption_2,caption_3,caption_4,caption_5\n" +
            "rain.flac,\"Rain falls, softly.\",Water drips,\"A \"\"storm\"\" nears\",Drops hit a roof,Wet weather\n" +
            "gone.flac,a,b,c,d,e\n");
        var problems = new List<ImportProblem>();
        var cut = Assert.Single(new ClothoImporter().Import(temp.Path, new ImportContext(new AudioReaderProbe(), problems.Add)));
        Assert.Equal(("rain", "Rain falls, softly."), (cut.Id, cut.Text));
        var captions = cut.Extras!["captions"].EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new[] { "Rain falls, softly.", "Water drips", "A \"storm\" nears", "Drops hit a roof", "Wet weather" }, captions);
        Assert.Equal(3, Assert.Single(problems).Line);
    }
}
