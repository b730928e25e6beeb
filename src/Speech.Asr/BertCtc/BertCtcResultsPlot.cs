using ScottPlot;

namespace Speech.Asr.BertCtc;

/// <summary>The comparison as a PNG: a bar per system (WER in percent) with its bootstrap 95 %
/// interval as a whisker, the decode time under each name.</summary>
public static class BertCtcResultsPlot
{
    public static void Render(IReadOnlyList<BertCtcEvaluationRow> rows, string pngPath)
    {
        var plot = new Plot();
        var positions = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(positions, rows.Select(r => 100 * r.Wer.Value).ToArray());
        for (int i = 0; i < rows.Count; i++)
        {
            var whisker = plot.Add.Scatter(new[] { positions[i], positions[i] }, new[] { 100 * rows[i].Wer.Lower, 100 * rows[i].Wer.Upper });
            whisker.Color = Colors.Black;
            whisker.LineWidth = 2;
            whisker.MarkerSize = 0;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions,
            rows.Select(r => FormattableString.Invariant($"{r.System.Name}\n{r.DecodeSeconds:0.0} s")).ToArray());
        plot.Title($"WER with 95 % bootstrap intervals ({rows.FirstOrDefault()?.Words ?? 0} words); decode time under each system");
        plot.YLabel("WER (%)");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, 900, 500);
    }
}
