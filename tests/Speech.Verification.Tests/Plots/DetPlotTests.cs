using Speech.Testing;
using Speech.Verification.Plots;
using Speech.Verification.Scoring;

namespace Speech.Verification.Tests.Plots;

public sealed class DetPlotTests
{
    /// <summary>Reference quantiles from scipy.stats.norm.ppf.</summary>
    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(0.9999, 3.719016485455709)]
    public void Probit_matches_the_normal_quantile(double p, double expected) =>
        Assert.Equal(expected, Probit.Of(p), 1e-8);

    [Fact]
    public void Two_systems_render_to_one_png()
    {
        using var folder = new TempDirectory();
        var random = new Random(3);
        IReadOnlyList<ScoredTrial> System(double shift) =>
            Enumerable.Range(0, 400).Select(i => new ScoredTrial("e", "t", random.NextDouble() + (i % 4 == 0 ? shift : 0), i % 4 == 0)).ToList();
        string png = folder.File("plots/det.png");
        DetPlot.Render([("weak", System(0.3)), ("strong", System(0.8))], png);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 5000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }
}
