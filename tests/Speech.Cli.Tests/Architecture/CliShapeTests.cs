using ArchUnitNET.Domain;
using Speech.Testing;

namespace Speech.Cli.Tests.Architecture;

/// <summary>The CLI stays thin: a verb file is parse → call → print in at most 120 lines, and no CLI
/// file uses more than 12 other files of the solution (counted as the distinct Speech.* types its
/// types, closures included, depend on; one public type per file makes a type a file).</summary>
public sealed class CliShapeTests
{
    public const int MaxVerbLines = 120, MaxFilesUsed = 12;

    static string CliFolder => Path.Combine(RepositoryPaths.Root, "src", "Speech.Cli");

    [Fact]
    public void Every_verb_file_is_at_most_120_lines()
    {
        var verbs = Directory.EnumerateFiles(CliFolder, "*Command.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        Assert.NotEmpty(verbs);
        var tooLong = verbs.Select(f => (File: Path.GetRelativePath(CliFolder, f), Lines: File.ReadLines(f).Count()))
            .Where(v => v.Lines > MaxVerbLines).Select(v => $"{v.File}: {v.Lines} lines").ToList();
        Assert.True(tooLong.Count == 0, $"verb files over {MaxVerbLines} lines: {string.Join("; ", tooLong)}");
    }

    /// <summary>Each CLI file's outer type → the other solution files it uses, most first.</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<string> Uses)> FilesUsedByCliFiles()
    {
        var byFile = SolutionArchitecture.OwnTypes
            .Where(t => t.Namespace.FullName == "Speech.Cli" || t.Namespace.FullName.StartsWith("Speech.Cli.", StringComparison.Ordinal))
            .GroupBy(SolutionArchitecture.OuterName);
        return byFile.Select(file =>
            {
                IReadOnlyList<string> uses = file.SelectMany(t => t.Dependencies).Select(d => d.Target)
                    .Where(target => target.Namespace is { } ns && SolutionArchitecture.IsOwn(ns.FullName))
                    .Select(SolutionArchitecture.OuterName)
                    .Where(name => name != file.Key && !name.Contains('<'))
                    .Distinct().Order().ToList();
                return (File: file.Key, Uses: uses);
            })
            .OrderByDescending(f => f.Uses.Count).ThenBy(f => f.File).ToList();
    }

    [Fact]
    public void No_cli_file_uses_more_than_12_other_files()
    {
        var counts = FilesUsedByCliFiles();
        Assert.Contains(counts, c => c.File == "Speech.Cli.SpeechCli" && c.Uses.Count > 0); // the counter sees dependencies
        var over = counts.Where(c => c.Uses.Count > MaxFilesUsed).Select(c => $"{c.File}: {c.Uses.Count} ({string.Join(", ", c.Uses)})").ToList();
        Assert.True(over.Count == 0, $"CLI files using more than {MaxFilesUsed} other files:\n{string.Join("\n", over)}");
    }
}
