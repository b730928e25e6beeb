using Speech.Core.Errors;

namespace Speech.Cli.Hosting;

/// <summary>Turns exceptions into the CLI's exit codes and one-line messages.</summary>
public static class CommandErrors
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Internal = 2;

    public static int Guard(TextWriter error, bool verbose, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (SpeechException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (verbose) error.WriteLine(e);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return Internal;
        }
        catch (Exception e)
        {
            error.WriteLine(verbose
                ? $"internal error: {e}"
                : $"internal error: {e.GetType().Name}: {FirstLine(e.Message)} (run with --verbose for the stack trace)");
            return Internal;
        }
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
