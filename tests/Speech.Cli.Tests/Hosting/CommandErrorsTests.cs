using Speech.Cli.Hosting;
using Speech.Core.Errors;

namespace Speech.Cli.Tests.Hosting;

public sealed class CommandErrorsTests
{
    static (int Code, string Error) Guard(bool verbose, Func<int> run)
    {
        var error = new StringWriter();
        int code = CommandErrors.Guard(error, verbose, run);
        return (code, error.ToString());
    }

    [Fact]
    public void A_user_error_is_one_line_and_exit_code_one()
    {
        var (code, error) = Guard(false, () => throw new AudioFormatException("x.flac: truncated FLAC stream"));
        Assert.Equal(1, code);
        Assert.Equal("error: x.flac: truncated FLAC stream" + Environment.NewLine, error);
    }

    [Fact]
    public void An_internal_error_hides_the_stack_trace_unless_verbose()
    {
        static int Fail() => throw new InvalidOperationException("boom\nsecond line");
        var (code, quiet) = Guard(false, Fail);
        Assert.Equal(2, code);
        Assert.Single(quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("InvalidOperationException: boom", quiet);
        Assert.DoesNotContain(" at ", quiet);

        var (_, loud) = Guard(true, Fail);
        Assert.Contains(" at ", loud);
    }

    [Fact]
    public void Success_passes_the_exit_code_through() => Assert.Equal(0, Guard(false, () => 0).Code);
}
