using System.Text.Json.Nodes;
using Speech.Testing;
using Speech.Verification.Scoring;

namespace Speech.Verification.Tests.Scoring;

/// <summary>EER, its threshold and minDCF at four operating points agree with WeSpeaker's own
/// functions (<c>compute_pmiss_pfa_rbst</c>, <c>compute_eer</c>, <c>compute_c_norm</c>, imported from a
/// WeSpeaker checkout by <c>Fixtures/make_wespeaker_agreement.py</c>) on three seeded random score
/// sets of 3,000–4,000 trials each (no tied scores, so numpy's argsort order cannot matter).</summary>
public sealed class WeSpeakerAgreementTests
{
    static string Fixtures => Path.Combine(RepositoryPaths.Root, "tests", "Speech.Verification.Tests", "Scoring", "Fixtures");

    [Theory]
    [InlineData("separated")]
    [InlineData("overlapping")]
    [InlineData("few_targets")]
    public void Metrics_equal_wespeakers_on_random_trials(string set)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures, "wespeaker_expected.json")))![set]!;
        var read = TrialLines.ReadScores(Path.Combine(Fixtures, set + ".score"));
        Assert.Empty(read.Skipped);
        Assert.True(read.Items.Count >= 3000);

        var curve = DetCurve.From(read.Items);
        var (eer, threshold) = curve.EqualErrorRate();
        Assert.Equal(expected["eer"]!.GetValue<double>(), eer, 12);
        Assert.Equal(expected["threshold"]!.GetValue<double>(), threshold, 15);
        foreach (var point in expected["min_dcf"]!.AsArray())
        {
            var parameters = new DcfParameters(point!["p_target"]!.GetValue<double>(), point["c_miss"]!.GetValue<double>(), point["c_fa"]!.GetValue<double>());
            Assert.Equal(point["value"]!.GetValue<double>(), curve.MinDcf(parameters), 12);
        }
    }
}
