using System.Text.RegularExpressions;

namespace Speech.Cli.Tests.Doctor;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_reports_libtorch_2_10_and_exits_zero()
    {
        var run = CliRun.Of("doctor", "--device", "cpu");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Matches(new Regex(@"libtorch\s+2\.10"), run.Output);
        Assert.Matches(new Regex(@"TorchSharp\s+0\.107\.0"), run.Output);
        Assert.Contains("matmul on cpu ok", run.Output);
        Assert.Matches(new Regex(@"native fix\s+(applied|not needed)"), run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Doctor_names_a_device_it_cannot_use_in_one_error_line()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // the check below needs a machine without CUDA
        var run = CliRun.Of("doctor", "--device", "cuda");
        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: --device cuda: CUDA is not available", lines[0]);
    }
}
