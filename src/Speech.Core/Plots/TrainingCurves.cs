using System.Text.Json.Nodes;
using ScottPlot;
using Speech.Core.Errors;

namespace Speech.Core.Plots;

/// <summary>Training curves from a metrics log (<c>metrics.jsonl</c>: one JSON object a line with a
/// <c>step</c>) rendered to PNG with ScottPlot: one panel per series, step on the x axis.</summary>
public static class TrainingCurves
{
    /// <summary>The numeric series of a metrics log by name, as (step, value) pairs.</summary>
    public static Dictionary<string, List<(double Step, double Value)>> Read(string metricsPath)
    {
        if (!File.Exists(metricsPath)) throw new ConfigException($"{metricsPath}: metrics log not found");
        var series = new Dictionary<string, List<(double, double)>>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(metricsPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject? json;
            try { json = JsonNode.Parse(line) as JsonObject; }
            catch (System.Text.Json.JsonException) { json = null; }
            if (json?["step"] is not JsonValue stepValue || !stepValue.TryGetValue(out double step))
                throw new ConfigException($"{metricsPath}:{lineNumber}: not a metrics line (a JSON object with \"step\")");
            foreach (var (name, node) in json)
                if (name != "step" && node is JsonValue value && value.TryGetValue(out double number) && double.IsFinite(number))
                    (series.TryGetValue(name, out var list) ? list : series[name] = new()).Add((step, number));
        }
        return series;
    }

    /// <summary>Writes a PNG with one panel per selected series (all by default); returns the names plotted.</summary>
    public static IReadOnlyList<string> Render(string metricsPath, string pngPath, IReadOnlyCollection<string>? only = null, int width = 900, int panelHeight = 260)
    {
        var series = Read(metricsPath);
        var names = series.Keys.Where(n => only is null || only.Count == 0 || only.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
            throw new ConfigException($"{metricsPath}: no series to plot (have: {string.Join(", ", series.Keys)})");
        var multiplot = new Multiplot();
        multiplot.AddPlots(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            var plot = multiplot.GetPlot(i);
            var points = series[names[i]];
            plot.Add.Scatter(points.Select(p => p.Step).ToArray(), points.Select(p => p.Value).ToArray());
            plot.Title(names[i]);
            plot.XLabel("step");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        multiplot.SavePng(pngPath, width, panelHeight * names.Count);
        return names;
    }
}
