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
}
