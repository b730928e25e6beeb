using Speech.Testing;

namespace Speech.Cli.Tests.Audio;

/// <summary><c>speech audio convert|info</c> against sox and soxi on the same files.</summary>
public sealed class AudioCommandTests : IDisposable
{
    readonly TempDirectory folder = new("speech-cli-audio");

    public void Dispose() => folder.Dispose();

    string Synth(string name, int rate, int channels, int bits)
    {
        string path = folder.File(name);
        ExternalTool.Run("sox", "-R", "-n", "-r", rate.ToString(), "-c", channels.ToString(), "-b", bits.ToString(), path,
            "synth", "0.5", "sine", "300", "whitenoise", "sine", "900", "vol", "0.9");
        return path;
    }

    /// <summary>The PCM samples sox decodes from a file, as bytes of interleaved int32.</summary>
    static byte[] SoxSamples(string path)
    {
        string raw = path + ".s32";
        ExternalTool.Run("sox", "-R", path, "-t", "s32", "-L", raw);
        return File.ReadAllBytes(raw);
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(24, 3)]
    public void Convert_writes_the_same_pcm_samples_as_sox(int bits, int channels)
    {
        string flac = Synth($"x{bits}.flac", 44100, channels, bits);
        string ours = folder.File("ours.wav"), theirs = folder.File("sox.wav");
        ExternalTool.Run("sox", "-R", flac, theirs);

        var run = CliRun.Of("audio", "convert", flac, ours);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(SoxSamples(theirs), SoxSamples(ours));
        Assert.Equal(ExternalTool.Run("soxi", "-b", theirs), ExternalTool.Run("soxi", "-b", ours));
        Assert.Equal(ExternalTool.Run("soxi", "-c", theirs), ExternalTool.Run("soxi", "-c", ours));
    }

    [Fact]
    public void Convert_resamples_and_mixes_down()
    {
        string wav = Synth("in.wav", 44100, 2, 16);
        string output = folder.File("out.wav");

        var run = CliRun.Of("audio", "convert", wav, output, "--rate", "16000", "--channels", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("16000", ExternalTool.Run("soxi", "-r", output).Trim());
        Assert.Equal("1", ExternalTool.Run("soxi", "-c", output).Trim());
        Assert.Equal("8000", ExternalTool.Run("soxi", "-s", output).Trim());
    }

    [Fact]
    public void Info_reports_what_soxi_reports_and_names_bad_files()
    {
        string flac = Synth("a.flac", 22050, 2, 24);
        string bad = folder.File("bad.wav");
        File.WriteAllText(bad, "hello");

        var run = CliRun.Of("audio", "info", flac, bad);

        Assert.Equal(1, run.ExitCode);
        string line = run.Output.Split('\n').Single(l => l.StartsWith(flac));
        string frames = ExternalTool.Run("soxi", "-s", flac).Trim();
        Assert.Equal([flac, "flac", "flac", "22050", "2", frames, "0.500", "24"], line.Trim().Split('\t'));
        Assert.Contains(bad, run.Error);
        Assert.DoesNotContain("internal error", run.Error);
    }

    /// <summary>The first <paramref name="fraction"/> of a file, the way a failed copy leaves it.</summary>
    string Truncated(string source, string name, double fraction)
    {
        string path = folder.File(name);
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }

    [Fact]
    public void Info_decodes_a_flac_and_reports_a_truncated_one()
    {
        string flac = Synth("whole.flac", 16000, 1, 16);
        string cut = Truncated(flac, "cut.flac", 0.5);
        Assert.Equal(ExternalTool.Run("soxi", "-s", flac), ExternalTool.Run("soxi", "-s", cut)); // the header still promises every frame

        var run = CliRun.Of("audio", "info", flac, cut);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Output.Split('\n'), l => l.StartsWith(flac));
        Assert.DoesNotContain(cut, run.Output);
        Assert.StartsWith($"error: {cut}: truncated", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Info_catches_a_flac_damaged_in_the_middle_and_verify_passes_whole_files()
    {
        string flac = Synth("whole.flac", 16000, 1, 16), wav = Synth("whole.wav", 16000, 1, 16);
        string damaged = folder.File("damaged.flac");
        byte[] bytes = File.ReadAllBytes(flac);
        Array.Fill(bytes, (byte)0xff, bytes.Length / 2, 200); // 200 bytes of a frame overwritten: its CRC no longer matches
        File.WriteAllBytes(damaged, bytes);

        var damagedRun = CliRun.Of("audio", "info", damaged);
        var verified = CliRun.Of("audio", "info", "--verify", flac, wav);

        Assert.Equal((1, 0), (damagedRun.ExitCode, verified.ExitCode));
        Assert.StartsWith($"error: {damaged}: ", damagedRun.Error);
        string frames = ExternalTool.Run("soxi", "-s", wav).Trim();
        Assert.Equal(frames, verified.Output.Split('\n').Single(l => l.StartsWith(wav)).Split('\t')[5]);
        Assert.Equal(frames, verified.Output.Split('\n').Single(l => l.StartsWith(flac)).Split('\t')[5]);
    }
}
