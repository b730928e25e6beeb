using ScottPlot;
using Speech.Verification.Scoring;

namespace Speech.Verification.Plots;

/// <summary>Detection error trade-off curves (miss rate against false-alarm rate on normal-deviate
/// axes, as WeSpeaker's <c>plot_det_curve</c>), several systems in one PNG, each with its EER marked.</summary>
public static class DetPlot
{
    static readonly double[] Ticks = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6];

    /// <summary>Writes the PNG; <paramref name="systems"/> maps a legend label to its scored trials.</summary>
    public static void Render(IReadOnlyList<(string Label, IReadOnlyList<ScoredTrial> Trials)> systems, string pngPath, string? title = null)
    {
        var plot = new Plot();
        // Rates of 0 or 1 have no normal deviate; clamp them to the plot's edge.
        double lowest = Ticks[0] / 2, highest = 0.8;
        double Warp(double rate) => Probit.Of(Math.Clamp(rate, lowest, highest));
        foreach (var (label, trials) in systems)
        {
            var curve = DetCurve.From(trials);
            var (eer, _) = curve.EqualErrorRate();
            var line = plot.Add.Scatter(curve.FalseAlarmRates.Select(Warp).ToArray(), curve.MissRates.Select(Warp).ToArray());
            line.MarkerSize = 0;
            line.LegendText = $"{label} (EER {100 * eer:0.00} %)";
            var marker = plot.Add.Marker(Warp(eer), Warp(eer));
            marker.Color = line.Color;
        }
        var positions = Ticks.Select(Probit.Of).ToArray();
        var labels = Ticks.Select(t => (100 * t).ToString("G3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.SetLimits(Probit.Of(lowest), Probit.Of(highest), Probit.Of(lowest), Probit.Of(highest));
        plot.XLabel("false-alarm rate (%)");
        plot.YLabel("miss rate (%)");
        plot.Title(title ?? "DET");
        plot.ShowLegend(Alignment.UpperRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, 700, 650);
    }
}
