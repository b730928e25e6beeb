using Speech.Core.Data;
using Speech.Core.Data.Importers;
using Speech.Verification.Scoring;

namespace Speech.Verification.Corpus;

/// <summary>A VoxCeleb trial list (<c>1|0 ENROLL.wav TEST.wav</c>, read by Core's <see cref="TrialList"/>)
/// as WeSpeaker trials over a manifest's cut ids. A malformed line, or one naming an utterance the
/// manifest lacks, is skipped and reported with its line number.</summary>
public static class VoxCelebTrials
{
    public static LinesRead<LabelledTrial> Read(string trialList, string manifest)
    {
        var known = Manifest.Read(manifest).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var problems = new List<ImportProblem>();
        var trials = TrialList.Read(trialList, known, new ImportContext(new AudioReaderProbe(), problems.Add));
        int read = File.ReadLines(trialList).Count(l => !string.IsNullOrWhiteSpace(l));
        var labelled = trials.Select(t => new LabelledTrial(t.Enroll, t.Test, t.Target, 0)).ToList();
        var skipped = problems.Select(p => new ScoringProblem(p.File, p.Line ?? 0, p.Problem)).ToList();
        return new LinesRead<LabelledTrial>(labelled, skipped, read);
    }

    /// <summary>Writes <c>ENROLL TEST target|nontarget</c> lines.</summary>
    public static void Write(string path, IEnumerable<LabelledTrial> trials)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Core.IO.AtomicFile.WriteText(path, string.Concat(trials.Select(t => $"{t.Enroll} {t.Test} {(t.Target ? "target" : "nontarget")}\n")));
    }
}
