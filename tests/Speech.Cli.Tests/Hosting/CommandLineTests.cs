namespace Speech.Cli.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0.1.0", run.Output.Trim()); // <Version> in Directory.Build.props
    }

    [Fact]
    public void Help_lists_every_command_and_shared_option()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string expected in new[] { "doctor", "--device", "--threads", "--verbose", "--version" })
            Assert.Contains(expected, run.Output);
    }

    [Fact]
    public void Unknown_command_is_a_short_error_with_exit_code_one()
    {
        var run = CliRun.Of("no-such-verb");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: ", run.Error);
        Assert.Contains("no-such-verb", run.Error);
        Assert.DoesNotContain("Usage:", run.Error + run.Output);
    }

    [Fact]
    public void No_arguments_say_once_that_a_command_is_needed_and_where_the_usage_is()
    {
        var run = CliRun.Of();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: Required command was not provided.", "run `speech --help` (or `speech <command> --help`) for usage"],
                     run.Error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal("", run.Output);
    }
}
