using Speech.Testing;

namespace Speech.Cli.Tests.Text;

public sealed class ScoreWerCommandTests
{
    [Fact]
    public void Prints_corpus_wer_with_the_hand_counted_split()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(temp.File("ref.txt"), new[] { "u1 The cat sat.", "u2 a b c d", "u3" });
        File.WriteAllLines(temp.File("hyp.txt"), new[] { "u1 the cat", "u2 a x c d e", "u3 noise" });
        var run = CliRun.Of("score", "wer", "--ref", temp.File("ref.txt"), "--hyp", temp.File("hyp.txt"), "--details");
        Assert.Equal(0, run.ExitCode);
        // u1: 1 deletion of 3; u2: 1 substitution + 1 insertion of 4; u3: empty reference, excluded.
        Assert.Contains("WER 42.86% (S=1 D=1 I=1 N=7) over 2 utterances, 1 excluded (empty reference)", run.Output);
        Assert.Contains("u2 S=1 D=0 I=1 N=4 WER=50.00%", run.Output);
    }
}
