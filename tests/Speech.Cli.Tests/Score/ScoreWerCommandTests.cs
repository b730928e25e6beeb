using Speech.Testing;

namespace Speech.Cli.Tests.Score;

public sealed class ScoreWerCommandTests
{
    [Fact]
    public void Prints_corpus_wer_with_the_hand_counted_split()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("ref.txt"), new[] { "u1 The cat sat.", "u2 a b c d", "u3", "u4 Mr. Smith" });
        File.WriteAllLines(temp.File("hyp.txt"), new[] { "u1 the cat", "u2 a x c d e", "u3 noise", "u4 mister smith" });
        var run = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("hyp.txt"), "--details");
        Assert.Equal(0, run.ExitCode);
        // u1: 1 deletion of 3; u2: 1 substitution + 1 insertion of 4; u3: empty reference, excluded;
        // u4: identical once normalised (Mr. -> mister).
        Assert.Contains("WER 33.33% (S=1 D=1 I=1 N=9) over 3 utterances, 1 excluded (empty reference)", run.Output);
        Assert.Contains("identical (after normalisation) 1/3 utterances (33.33%)", run.Output);
        Assert.Contains("u2 S=1 D=0 I=1 N=4 WER=50.00%", run.Output);
    }

    [Fact]
    public void Tab_separated_files_score_as_space_separated_ones()
    {
        using var temp = new TempDirectory();
        string[] references = { "u1 The cat sat.", "u2 a b c d", "u4 Mr. Smith" }, hypotheses = { "u1 the cat", "u2 a x c d e", "u4 mister smith" };
        File.WriteAllLines(temp.File("ref.txt"), references);
        File.WriteAllLines(temp.File("hyp.txt"), hypotheses);
        File.WriteAllLines(temp.File("ref.tsv"), references.Select(l => l.Replace(' ', '\t')));
        File.WriteAllLines(temp.File("hyp.tsv"), hypotheses.Select(l => l.Replace(' ', '\t')));
        var spaces = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("hyp.txt"), "--details");
        var tabs = CliRun.Of("score", "wer", "--ref", temp.File("ref.tsv"), "--hyp", temp.File("hyp.tsv"), "--details");
        Assert.Equal(0, tabs.ExitCode);
        // The same hand count as above without the empty reference: 3 errors in 9 words; were the
        // first word glued to the id (the old reading), u1 would have 2 reference words, not 3.
        Assert.Contains("WER 33.33% (S=1 D=1 I=1 N=9) over 3 utterances", tabs.Output);
        Assert.Equal(spaces.Output, tabs.Output);
    }

    [Fact]
    public void Two_hypothesis_files_get_intervals_and_the_paired_difference()
    {
        using var temp = new TempDirectory();
        // Four 4-word references (no number words, which the normaliser would turn into digits); A gets one word wrong in each, B none: every bootstrap draw has
        // WER(A) = 1/4 and WER(B) = 0, so both intervals and the difference's have zero width.
        File.WriteAllLines(temp.File("ref.txt"), Enumerable.Range(1, 4).Select(i => $"u{i} the cat sat down"));
        File.WriteAllLines(temp.File("a.txt"), Enumerable.Range(1, 4).Select(i => $"u{i} the cat sat up"));
        File.WriteAllLines(temp.File("b.txt"), Enumerable.Range(1, 4).Select(i => $"u{i} the cat sat down"));
        var run = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("a.txt"), "--hyp", temp.File("b.txt"), "--details");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"== {temp.File("a.txt")}", run.Output);
        Assert.Contains("WER 25.00% (S=4 D=0 I=0 N=16) over 4 utterances", run.Output);
        Assert.Contains("WER 95% interval 25.00% [25.00, 25.00] (bootstrap, 1000 resamples of utterances, seed 1234)", run.Output);
        Assert.Contains("WER 95% interval 0.00% [0.00, 0.00]", run.Output);
        Assert.Contains("paired difference WER(first) - WER(second) +25.00 points, 95% interval [+25.00, +25.00]: excludes 0, the systems differ", run.Output);

        var same = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("b.txt"), "--hyp", temp.File("b.txt"), "--details");
        Assert.Contains("paired difference WER(first) - WER(second) 0.00 points, 95% interval [0.00, 0.00]: includes 0, no difference shown", same.Output);

        var three = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("a.txt"), "--hyp", temp.File("b.txt"), "--hyp", temp.File("b.txt"));
        Assert.Equal(1, three.ExitCode);
        Assert.Contains("--hyp: one or two hypothesis files, not 3", three.Error);
    }
}
