using ScottPlot;

namespace Speech.Core.Plots;

/// <summary>A histogram of per-utterance WERs (percent) with the filter threshold marked.</summary>
public static class WerHistogram
{
    public static void Render(IReadOnlyList<double> wers, double threshold, string pngPath, double binWidth = 5)
    {
        double top = Math.Max(threshold, wers.Max()) + binWidth;
        int bins = (int)Math.Ceiling(top / binWidth);
        var counts = new double[bins];
        foreach (double wer in wers) counts[Math.Min(bins - 1, (int)(wer / binWidth))]++;
        var plot = new Plot();
        plot.Add.Bars(Enumerable.Range(0, bins).Select(i => (i + 0.5) * binWidth).ToArray(), counts);
        plot.Add.VerticalLine(threshold);
        plot.Title($"pseudo-label WER ({wers.Count} utterances, threshold {threshold:G} %)");
        plot.XLabel("WER (%)");
        plot.YLabel("utterances");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, 800, 450);
    }
}
