using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Plots;
using Speech.Verification.Scoring;

namespace Speech.Cli.Verification;

/// <summary><c>speech score eer --scores S [--p-target P]</c>: EER and normalised minDCF of WeSpeaker
/// score files (<c>ENROLL TEST SCORE target|nontarget</c>), computed as WeSpeaker's score_metrics.py.</summary>
public static class ScoreEerCommand
{
    public static Command Build()
    {
        var scores = new Option<string[]>("--scores") { Description = "Score files 'ENROLL TEST SCORE target|nontarget' (one or more; each is scored on its own).", Required = true, AllowMultipleArgumentsPerToken = true };
        var pTarget = new Option<double>("--p-target") { Description = "Prior of a target trial in the detection cost (minDCF at 0.05 is printed too).", DefaultValueFactory = _ => 0.01 };
        var cMiss = new Option<double>("--c-miss") { Description = "Cost of a miss (false reject).", DefaultValueFactory = _ => 1 };
        var cFa = new Option<double>("--c-fa") { Description = "Cost of a false alarm (false accept).", DefaultValueFactory = _ => 1 };
        var det = new Option<string?>("--det") { Description = "Also write the DET curves of all score files to this PNG." };
        var command = new Command("eer", "Equal error rate and normalised minimum detection cost of verification scores.")
            { scores, pTarget, cMiss, cFa, det };
        command.SetAction(parse =>
        {
            var parameters = new DcfParameters(parse.GetValue(pTarget), parse.GetValue(cMiss), parse.GetValue(cFa)).Validated();
            var output = parse.InvocationConfiguration.Output;
            var systems = new List<(string, IReadOnlyList<ScoredTrial>)>();
            foreach (string path in parse.GetValue(scores)!)
            {
                var read = TrialLines.ReadScores(path);
                foreach (var problem in read.Skipped) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
                output.WriteLine($"---- {Path.GetFileName(path)}: {read.Summary("scored")} ----");
                output.WriteLine(VerificationMetrics.Compute(read.Items, parameters).ToString());
                systems.Add((Path.GetFileNameWithoutExtension(path), read.Items));
            }
            if (parse.GetValue(det) is { } png)
            {
                DetPlot.Render(systems, png);
                output.WriteLine($"DET curves: {png}");
            }
            return CommandErrors.Success;
        });
        return command;
    }
}
