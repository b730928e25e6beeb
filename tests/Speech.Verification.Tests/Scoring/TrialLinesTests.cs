using Speech.Testing;
using Speech.Verification.Scoring;

namespace Speech.Verification.Tests.Scoring;

public sealed class TrialLinesTests
{
    [Fact]
    public void Malformed_lines_are_skipped_with_their_line_numbers_and_the_counts_add_up()
    {
        using var folder = new TempDirectory();
        string path = folder.File("s.score");
        File.WriteAllText(path, "a b 0.5 target\n\nc d notanumber nontarget\ne f 0.1 nontarget\ng h 0.2 maybe\ni j 0.3\n");
        var read = TrialLines.ReadScores(path);
        Assert.Equal(5, read.Read);
        Assert.Equal(2, read.Items.Count);
        Assert.Equal([3, 5, 6], read.Skipped.Select(p => p.Line).ToArray());
        Assert.StartsWith($"{path}:3: expected", read.Skipped[0].ToString());
        Assert.Equal("5 read, 2 scored, 3 skipped", read.Summary("scored"));
    }

    [Fact]
    public void Scores_round_trip_through_a_score_file()
    {
        using var folder = new TempDirectory();
        var trials = new[] { new ScoredTrial("a", "b", 0.1 + 0.2, true), new ScoredTrial("c", "d", -1e-17, false) };
        TrialLines.WriteScores(folder.File("out/s.score"), trials);
        Assert.Equal(trials, TrialLines.ReadScores(folder.File("out/s.score")).Items);
    }

    [Fact]
    public void A_trial_naming_an_unknown_utterance_is_reported_with_its_line()
    {
        using var folder = new TempDirectory();
        string path = folder.File("trials");
        File.WriteAllText(path, "u1 u2 target\nu1 ghost nontarget\nbroken line\nu2 u3 nontarget\n");
        var embeddings = new Dictionary<string, float[]> { ["u1"] = [1, 0], ["u2"] = [1, 1], ["u3"] = [0, 1] };
        var scored = new CosineScorer(embeddings).Score(path, TrialLines.ReadTrials(path));
        Assert.Equal(4, scored.Read);
        Assert.Equal(2, scored.Items.Count);
        Assert.Equal([2, 3], scored.Skipped.Select(p => p.Line).ToArray());
        Assert.Contains("'ghost'", scored.Skipped[0].Problem);
        Assert.Equal(1 / Math.Sqrt(2), scored.Items[0].Score, 6); // cos 45°
    }

    /// <summary>Mean subtraction: mean (1, 1); (3, 1) − m = (2, 0), (1, 3) − m = (0, 2): orthogonal, cos 0
    /// (without it cos = 6/10).</summary>
    [Fact]
    public void Cohort_mean_is_subtracted_before_the_cosine()
    {
        float[] a = [3, 1], b = [1, 3];
        var mean = CosineScorer.MeanOf([[0, 0], [2, 2]]);
        Assert.Equal(0, new CosineScorer(new Dictionary<string, float[]>(), mean).Cosine(a, b), 6);
        Assert.Equal(0.6, new CosineScorer(new Dictionary<string, float[]>()).Cosine(a, b), 6);
    }
}
