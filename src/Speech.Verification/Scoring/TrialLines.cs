using System.Globalization;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Verification.Scoring;

/// <summary>WeSpeaker's text formats: trial lists <c>ENROLL TEST target|nontarget</c> and score
/// files <c>ENROLL TEST SCORE target|nontarget</c>, whitespace-separated, one trial a line. A
/// malformed line is skipped and reported with its line number, never dropped silently.</summary>
public static class TrialLines
{
    public static LinesRead<LabelledTrial> ReadTrials(string path) =>
        ReadLines(path, 3, "ENROLL TEST target|nontarget", (fields, line) =>
            ParseLabel(fields[2]) is bool target ? new LabelledTrial(fields[0], fields[1], target, line) : null);

    public static LinesRead<ScoredTrial> ReadScores(string path) =>
        ReadLines(path, 4, "ENROLL TEST SCORE target|nontarget", (fields, _) =>
            double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double score) && double.IsFinite(score)
            && ParseLabel(fields[3]) is bool target ? new ScoredTrial(fields[0], fields[1], score, target) : null);

    /// <summary>Writes a score file atomically (round-trip precision, invariant culture).</summary>
    public static void WriteScores(string path, IEnumerable<ScoredTrial> trials)
    {
        var text = new System.Text.StringBuilder();
        foreach (var t in trials)
            text.Append(t.Enroll).Append(' ').Append(t.Test).Append(' ')
                .Append(t.Score.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                .Append(t.Target ? "target" : "nontarget").Append('\n');
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.WriteText(path, text.ToString());
    }

    static bool? ParseLabel(string label) => label switch { "target" => true, "nontarget" => false, _ => null };

    static LinesRead<T> ReadLines<T>(string path, int fieldCount, string expected, Func<string[], int, T?> parse) where T : class
    {
        if (!File.Exists(path)) throw new SpeechException($"{path}: not found");
        var items = new List<T>();
        var skipped = new List<ScoringProblem>();
        int lineNumber = 0, read = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            read++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if ((fields.Length == fieldCount ? parse(fields, lineNumber) : null) is { } item) items.Add(item);
            else skipped.Add(new ScoringProblem(path, lineNumber, $"expected '{expected}', got '{line.Trim()}'"));
        }
        return new LinesRead<T>(items, skipped, read);
    }
}
