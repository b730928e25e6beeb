using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Plots;

namespace Speech.Cli.Plot;

/// <summary><c>speech plot METRICS --out curves.png</c>: training curves from a run's metrics.jsonl.</summary>
public static class PlotCommand
{
    public static Command Build()
    {
        var metrics = new Argument<string>("metrics") { Description = "A run's metrics.jsonl (one JSON object with \"step\" a line)." };
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "curves.png" };
        var series = new Option<string[]>("--series")
        {
            Description = "Series to plot, e.g. --series loss lr (default: every numeric series in the log).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("plot", "Draw training curves (one panel per series, step on x) from a metrics log into a PNG.") { metrics, output, series };
        command.SetAction(parse =>
        {
            string png = parse.GetValue(output)!;
            var plotted = TrainingCurves.Render(parse.GetValue(metrics)!, png, parse.GetValue(series));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {png} ({string.Join(", ", plotted)})");
            return CommandErrors.Success;
        });
        return command;
    }
}
