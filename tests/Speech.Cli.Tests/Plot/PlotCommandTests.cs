using Speech.Testing;

namespace Speech.Cli.Tests.Plot;

public sealed class PlotCommandTests
{
    [Fact]
    public void Writes_a_png_with_one_panel_per_series()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("metrics.jsonl"), Enumerable.Range(1, 20)
            .Select(s => $"{{\"step\":{s},\"loss\":{5.0 / s},\"lr\":{1e-4 * s},\"note\":\"x\"}}"));
        var run = CliRun.Of("plot", temp.File("metrics.jsonl"), "--out", temp.File("curves.png"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("(loss, lr)", run.Output);
        byte[] png = File.ReadAllBytes(temp.File("curves.png"));
        Assert.True(png.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: width and height, big-endian, right after the signature and chunk header.
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((900, 520), (width, height));
    }

    [Fact]
    public void A_line_without_a_step_is_named()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("metrics.jsonl"), new[] { "{\"step\":1,\"loss\":2}", "{\"loss\":1}" });
        var run = CliRun.Of("plot", temp.File("metrics.jsonl"), "--out", temp.File("c.png"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("metrics.jsonl:2", run.Error);
    }
}
