using System.CommandLine;
using Speech.Cli.Hosting;
using Speech.Verification.Embedding;
using Speech.Verification.Scoring;

namespace Speech.Cli.Verification;

/// <summary><c>speech sv score --embeddings E --trials T --out S [--cohort C]</c>: cosine scores in
/// WeSpeaker's score-file form, then EER and minDCF.</summary>
public static class SvScoreCommand
{
    public static Command Build()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Evaluation embeddings ('ID v1 v2 ...').", Required = true };
        var trials = new Option<string>("--trials") { Description = "Trial list 'ENROLL TEST target|nontarget'.", Required = true };
        var output = new Option<string>("--out") { Description = "Score file to write ('ENROLL TEST SCORE target|nontarget').", Required = true };
        var cohort = new Option<string?>("--cohort") { Description = "Embeddings whose mean is subtracted first (WeSpeaker's mean normalisation, e.g. the training set's)." };
        var pTarget = new Option<double>("--p-target") { Description = "Target prior of the minDCF (0.05 is printed too).", DefaultValueFactory = _ => 0.01 };
        var command = new Command("score", "Cosine-score a trial list; prints trials read, scored and skipped, EER and minDCF.") { embeddings, trials, output, cohort, pTarget };
        command.SetAction(parse =>
        {
            var mean = parse.GetValue(cohort) is { } cohortPath ? CosineScorer.MeanOf(EmbeddingFile.Read(cohortPath).Values) : null;
            string trialPath = parse.GetValue(trials)!;
            var scored = new CosineScorer(EmbeddingFile.Read(parse.GetValue(embeddings)!), mean).Score(trialPath, TrialLines.ReadTrials(trialPath));
            foreach (var problem in scored.Skipped) parse.InvocationConfiguration.Error.WriteLine($"skipped {problem}");
            TrialLines.WriteScores(parse.GetValue(output)!, scored.Items);
            var writer = parse.InvocationConfiguration.Output;
            writer.WriteLine($"{trialPath}: {scored.Summary("scored")} -> {parse.GetValue(output)}");
            writer.WriteLine(VerificationMetrics.Compute(scored.Items, new DcfParameters(parse.GetValue(pTarget))).ToString());
            return CommandErrors.Success;
        });
        return command;
    }
}
