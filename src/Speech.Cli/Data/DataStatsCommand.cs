using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Core.Data;

namespace Speech.Cli.Data;

/// <summary><c>speech data stats MANIFEST</c>: counts and durations.</summary>
public static class DataStatsCommand
{
    public static Command Build()
    {
        var manifest = new Argument<string>("manifest") { Description = "The manifest to summarise." };
        var command = new Command("stats", "Print cut count, total hours, min/mean/max duration, speakers and words of a manifest.") { manifest };
        command.SetAction(parse =>
        {
            var stats = ManifestStats.Of(Manifest.Read(parse.GetValue(manifest)!));
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"cuts      {stats.Cuts}");
            writer.WriteLine($"duration  {stats.TotalSeconds:0.00} s ({stats.TotalSeconds / 3600:0.000} h)");
            writer.WriteLine($"per cut   min {stats.MinSeconds:0.00} s, mean {stats.MeanSeconds:0.00} s, max {stats.MaxSeconds:0.00} s");
            writer.WriteLine($"speakers  {stats.Speakers}");
            writer.WriteLine($"texts     {stats.WithText} ({stats.Words} words)");
            return CommandErrors.Success;
        });
        return command;
    }
}
