using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Speech.Cli.Hosting;

/// <summary>--version prints the toolkit's version, whichever process hosts the command (the
/// default action reads the entry assembly, which is a test host under tests).</summary>
public sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(PrintVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(PrintVersionAction).Assembly.GetName().Version!.ToString(3);

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }

    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>()) option.Action = new PrintVersionAction();
    }
}
