using System.CommandLine;
using Speech.Cli.Hosting;

namespace Speech.Cli.Doctor;

/// <summary><c>speech doctor</c>: checks that this machine can run the toolkit.</summary>
public static class DoctorCommand
{
    public static Command Build()
    {
        var command = new Command("doctor",
            "Check this machine: .NET, TorchSharp and libtorch versions, devices, threads, the " +
            "GLIBCXX native fix, and the audio libraries (libsndfile, libsoxr). Exits 1 with one line " +
            "per problem when something required is missing.");
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyThreads(parse);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var checks = DoctorChecks.Run(parse.GetValue(GlobalOptions.Device) ?? "auto");
            int width = checks.Max(c => c.Name.Length) + 2;
            foreach (var check in checks)
            {
                string mark = check.Level switch { CheckLevel.Ok => " ", CheckLevel.Warning => "!", _ => "x" };
                output.WriteLine($"{mark} {check.Name.PadRight(width)}{check.Value}");
            }
            foreach (var check in checks.Where(c => c.Level == CheckLevel.Warning && c.Fix is not null))
                output.WriteLine($"warning: {check.Fix}");
            var failures = checks.Where(c => c.Level == CheckLevel.Failure).ToList();
            foreach (var failure in failures) error.WriteLine($"error: {failure.Fix ?? failure.Name}");
            return failures.Count == 0 ? CommandErrors.Success : CommandErrors.BadInput;
        });
        return command;
    }
}
