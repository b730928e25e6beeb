using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Speech.Testing;

namespace Speech.Cli.Tests.Models;

/// <summary>The trained checkpoints committed under <c>models/</c>: each folder's files are the ones its
/// <c>MODEL_CARD.md</c> lists (sha256), and each card's checks hold on the committed test split:
/// <c>greedy-wer: test E/N</c> (greedy decoding scores E errors over N words, within one word for CPUs
/// that round differently) and <c>engines-agree: test</c> (our engine and Whisper.net, through a ggml
/// export, write the same text for every cut).</summary>
public sealed partial class ShippedModelTests
{
    static string ModelsRoot => Path.Combine(RepositoryPaths.Root, "models");

    /// <summary>The models the recipes start from: CI fails when one goes missing.</summary>
    public static TheoryData<string> Shipped => new() { "mini-whisper-teacher", "mini-whisper-student" };

    [Theory, MemberData(nameof(Shipped))]
    public void Every_file_matches_the_card_and_nothing_is_unlisted(string name)
    {
        string folder = Path.Combine(ModelsRoot, name);
        var listed = Card(name).Files;
        var present = Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Where(f => f != "MODEL_CARD.md").Order().ToList();
        Assert.Equal(listed.Keys.Order().ToList(), present);
        foreach (var (file, sha256) in listed)
        {
            using var stream = File.OpenRead(Path.Combine(folder, file));
            Assert.True(sha256 == Convert.ToHexStringLower(SHA256.HashData(stream)), $"{name}/{file}: sha256 differs from MODEL_CARD.md");
        }
    }

    [Theory, MemberData(nameof(Shipped))]
    public void The_cards_checks_hold_on_the_committed_test_split(string name)
    {
        var card = Card(name);
        Assert.True(card.GreedyWer is not null || card.EnginesAgree, $"{name}: MODEL_CARD.md names no check");
        using var temp = new TempDirectory();
        string model = Path.Combine(ModelsRoot, name);
        Assert.Equal(0, CliRun.Of("data", "import", "librispeech", Path.Combine(MiniCorpus.Root, "test"), "--out", temp.File("test.jsonl")).ExitCode);
        var ours = CliRun.Of("whisper", "transcribe", "--model", model, "--manifest", temp.File("test.jsonl"), "--out", temp.File("ours.jsonl"), "--device", "cpu");
        Assert.True(ours.ExitCode == 0, ours.Error);
        if (card.GreedyWer is { } expected)
        {
            var score = CliRun.Of("score", "wer", "--ref", temp.File("test.jsonl"), "--hyp", temp.File("ours.jsonl"));
            var counts = WerCounts().Match(score.Output);
            Assert.True(counts.Success, score.Output);
            int errors = int.Parse(counts.Groups["s"].Value) + int.Parse(counts.Groups["d"].Value) + int.Parse(counts.Groups["i"].Value);
            Assert.Equal(expected.Words, int.Parse(counts.Groups["n"].Value));
            Assert.InRange(errors, expected.Errors - 1, expected.Errors + 1);
        }
        if (card.EnginesAgree)
        {
            Assert.Equal(0, CliRun.Of("whisper", "export", "--model", model, "--format", "ggml", "--out", temp.File("model.bin")).ExitCode);
            var theirs = CliRun.Of("whisper", "transcribe", "--model", temp.File("model.bin"), "--engine", "whisper.net",
                "--manifest", temp.File("test.jsonl"), "--out", temp.File("theirs.jsonl"));
            Assert.True(theirs.ExitCode == 0, theirs.Error);
            var same = CliRun.Of("score", "wer", "--ref", temp.File("ours.jsonl"), "--hyp", temp.File("theirs.jsonl"), "--normalizer", "none", "--details");
            Assert.Contains("WER 0.00%", same.Output);
        }
    }

    sealed record ModelCard(Dictionary<string, string> Files, (int Errors, int Words)? GreedyWer, bool EnginesAgree);

    /// <summary>Reads the card's file table (<c>| file | bytes | sha256 |</c>) and its <c>check:</c> lines.</summary>
    static ModelCard Card(string name)
    {
        string path = Path.Combine(ModelsRoot, name, "MODEL_CARD.md");
        Assert.True(File.Exists(path), $"{path} is missing");
        var files = new Dictionary<string, string>();
        (int, int)? wer = null;
        bool agree = false;
        foreach (string line in File.ReadLines(path))
        {
            if (FileRow().Match(line) is { Success: true } row) files[row.Groups["file"].Value] = row.Groups["sha"].Value;
            else if (WerCheck().Match(line) is { Success: true } check) wer = (int.Parse(check.Groups["e"].Value), int.Parse(check.Groups["n"].Value));
            else if (line.Trim() == "check: engines-agree: test") agree = true;
        }
        Assert.NotEmpty(files);
        return new ModelCard(files, wer, agree);
    }

    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \| [\d,]+ \| `(?<sha>[0-9a-f]{64})` \|$")]
    private static partial Regex FileRow();

    [GeneratedRegex(@"^check: greedy-wer: test (?<e>\d+)/(?<n>\d+)$")]
    private static partial Regex WerCheck();

    [GeneratedRegex(@"WER [\d.]+% \(S=(?<s>\d+) D=(?<d>\d+) I=(?<i>\d+) N=(?<n>\d+)\)")]
    private static partial Regex WerCounts();
}
