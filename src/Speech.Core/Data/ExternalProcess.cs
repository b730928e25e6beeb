using System.Diagnostics;
using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>Runs a command-line tool (espeak-ng, sox, bible) and returns its standard output;
/// a missing tool or a failure is a <see cref="SpeechException"/> naming the command.</summary>
public static class ExternalProcess
{
    public static string Run(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpeechException($"cannot start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SpeechException($"{tool} not found ({e.Message}); install it (see scripts/install-system-packages.sh)", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new SpeechException($"{tool} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}: {error.Result.Trim()}");
            return output;
        }
    }
}
