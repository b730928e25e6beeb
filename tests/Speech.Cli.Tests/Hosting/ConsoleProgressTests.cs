using Speech.Cli.Hosting;
using Speech.Core.Progress;

namespace Speech.Cli.Tests.Hosting;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Plain_line_shows_amount_rate_and_eta()
    {
        // 40 of 100 in 5 s: 8 per second, 60 left -> 7.5 s -> ETA 0:00:07.
        string line = ConsoleProgress.FormatPlain("label", new WorkProgress(40, 100, "loss 1.25"), TimeSpan.FromSeconds(5));
        Assert.Equal("label 40/100 (40.0%) 8.0/s ETA 0:00:07 loss 1.25", line);
    }

    [Fact]
    public void Plain_line_without_total_has_no_eta()
    {
        string line = ConsoleProgress.FormatPlain("scan", new WorkProgress(12, null), TimeSpan.FromSeconds(4));
        Assert.Equal("scan 12 3.0/s", line);
    }

    [Fact]
    public void Redirected_output_gets_a_final_plain_line_and_the_result()
    {
        var output = new StringWriter();
        int result = ConsoleProgress.Run(output, "work", progress =>
        {
            for (int i = 1; i <= 3; i++) progress.Report(new WorkProgress(i, 3));
            return 42;
        });
        Assert.Equal(42, result);
        Assert.Matches(@"^work 3/3 \(100\.0%\) .* done\r?\n$", output.ToString());
    }
}
