using System.CommandLine;
using Speech.Core.Data;

namespace Speech.Cli.Hosting;

/// <summary><c>--skip-bad</c> for every verb that reads a manifest, and the one way such a verb ends
/// (<see cref="BadItemPolicy"/>): each skipped or failed item on the error stream with its file and
/// line, the counts on the output, exit 0 only if nothing failed.</summary>
public static class SkipBadOption
{
    public const string Description =
        "Report each bad item (a malformed line, missing or undecodable audio) with its file and line and go on without it, " +
        "instead of stopping at the first (exit 1). The run still exits 1 if an item failed for another reason (an I/O error).";

    public static Option<bool> Create() => new("--skip-bad") { Description = Description };

    public static BadItemPolicy Policy(ParseResult parse, Option<bool> option) => new(parse.GetValue(option));

    /// <summary>Prints the items and the summary line; returns the exit code.</summary>
    public static int Finish(ParseResult parse, string summary, IEnumerable<BadItem> skipped, IEnumerable<BadItem> failures, ItemTally counts)
    {
        var error = parse.InvocationConfiguration.Error;
        foreach (var item in skipped) error.WriteLine($"skipped ({item.Kind}): {item}");
        foreach (var item in failures) error.WriteLine($"failed ({item.Kind}): {item}");
        parse.InvocationConfiguration.Output.WriteLine(summary);
        return counts.Failed == 0 ? CommandErrors.Success : CommandErrors.BadInput;
    }
}
