using Speech.Testing;

namespace Speech.Cli.Tests.Captioning;

public sealed class ScoreCaptionsCommandTests
{
    /// <summary>The two-reference case of CaptionMetricTests: BLEU-1 = 4/5, BLEU-2 = sqrt(0.6) = 0.7746.</summary>
    [Fact]
    public void Prints_each_metric_and_says_which_are_unavailable()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("ref.tsv"), ["x\ta dog barks loudly", "x\ta big dog barks very loudly"]);
        File.WriteAllLines(temp.File("hyp.tsv"), ["x\ta dog barks loudly outside"]);
        var run = CliRun.Of("score", "captions", "--ref", temp.File("ref.tsv"), "--hyp", temp.File("hyp.tsv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("clips 1, references 2", run.Output);
        Assert.Contains("BLEU-1 0.8000", run.Output);
        Assert.Contains("BLEU-2 0.7746", run.Output);
        Assert.Contains("CIDEr-D", run.Output);
        Assert.Contains("METEOR, SPICE and SPIDEr unavailable", run.Output);
    }

    [Fact]
    public void An_id_without_hypothesis_exits_1_naming_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("ref.tsv"), ["x\ta dog", "y\ta cat"]);
        File.WriteAllLines(temp.File("hyp.tsv"), ["x\ta dog"]);
        var run = CliRun.Of("score", "captions", "--ref", temp.File("ref.tsv"), "--hyp", temp.File("hyp.tsv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no hypothesis for id 'y'", run.Error);
    }
}
