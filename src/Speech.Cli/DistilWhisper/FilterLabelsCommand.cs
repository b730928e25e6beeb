using System.CommandLine;
using System.Globalization;
using Speech.Asr.DistilWhisper;
using Speech.Cli.Hosting;
using Speech.Core.Data;
using Speech.Core.Plots;
using Speech.Core.Text;

namespace Speech.Cli.DistilWhisper;

/// <summary><c>speech distil-whisper filter</c>: keep pseudo-labels whose normalised WER against the
/// reference is under the threshold; a report with counts and a WER histogram.</summary>
public static class FilterLabelsCommand
{
    public static Command Build()
    {
        var manifest = new Option<string>("--manifest") { Description = "Merged manifest with pseudo-labels.", Required = true };
        var output = new Option<string>("--out") { Description = "Manifest of the kept cuts.", Required = true };
        var threshold = new Option<double>("--wer-threshold") { Description = "Keep a label iff its WER in percent is strictly below this.", DefaultValueFactory = _ => 10 };
        var report = new Option<string?>("--report") { Description = "Folder for filter_report.tsv and wer_histogram.png (default: beside --out)." };
        var command = new Command("filter", "Drop pseudo-labels by WER against the reference after Whisper's English normaliser.") { manifest, output, threshold, report };
        command.SetAction(parse =>
        {
            var filter = new PseudoLabelFilter(new WhisperEnglishNormalizer(), parse.GetValue(threshold));
            var cuts = Manifest.Read(parse.GetValue(manifest)!).ToList();
            var decisions = cuts.Select(filter.Decide).ToList();
            string outPath = parse.GetValue(output)!;
            Manifest.Write(outPath, cuts.Where((_, i) => decisions[i].Kept));
            string folder = parse.GetValue(report) ?? Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            Directory.CreateDirectory(folder);
            File.WriteAllLines(Path.Combine(folder, "filter_report.tsv"), decisions.Select(d =>
                $"{d.Id}\t{d.Reason}\t{(d.Wer is { } w ? w.ToString("F2", CultureInfo.InvariantCulture) : "-")}").Prepend("id\tdecision\twer"));
            var wers = decisions.Where(d => d.Wer is not null).Select(d => d.Wer!.Value).ToList();
            if (wers.Count > 0) WerHistogram.Render(wers, filter.Threshold, Path.Combine(folder, "wer_histogram.png"));
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"{cuts.Count} cuts: {decisions.Count(d => d.Kept)} kept, {decisions.Count(d => !d.Kept)} dropped " +
                             $"({string.Join(", ", decisions.Where(d => !d.Kept).GroupBy(d => d.Reason).Select(g => $"{g.Count()} {g.Key}"))})");
            int corrupted = cuts.Count(PseudoLabelCorruption.IsCorrupted);
            if (corrupted > 0)
                writer.WriteLine($"corrupted on purpose: {corrupted}, of which {cuts.Where((c, i) => PseudoLabelCorruption.IsCorrupted(c) && !decisions[i].Kept).Count()} dropped; " +
                                 $"clean labels dropped: {cuts.Where((c, i) => !PseudoLabelCorruption.IsCorrupted(c) && !decisions[i].Kept).Count()}");
            return CommandErrors.Success;
        });
        return command;
    }
}
