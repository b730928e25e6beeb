using Assembly = System.Reflection.Assembly;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Speech.Cli.Tests.Architecture;

/// <summary>The solution's assemblies as ArchUnitNET sees them (types and their dependencies,
/// method bodies included), loaded once for every architecture test.</summary>
public static class SolutionArchitecture
{
    /// <summary>The libraries under the CLI; Captioning and Verification are loaded by name, so a rule
    /// about them holds from the first type they get.</summary>
    public static readonly Assembly[] Libraries =
    {
        typeof(Speech.Core.Data.Cut).Assembly,
        typeof(Speech.Asr.Whisper.WhisperModel).Assembly,
        Assembly.Load("Speech.Captioning"),
        Assembly.Load("Speech.Verification"),
    };

    public static readonly Assembly Cli = typeof(SpeechCli).Assembly;

    public static readonly ArchUnitNET.Domain.Architecture Loaded = new ArchLoader()
        .LoadAssemblies(Libraries.Append(Cli).ToArray())
        .Build();

    /// <summary>The solution's own types (Speech.*), nested and compiler-generated types included.</summary>
    public static IEnumerable<IType> OwnTypes => Loaded.Types.Where(t => t.Namespace is { } ns && IsOwn(ns.FullName));

    public static bool IsOwn(string ns) => ns == "Speech" || ns.StartsWith("Speech.", StringComparison.Ordinal);

    /// <summary>The type a file declares: nested and compiler-generated types (lambdas' closures,
    /// iterators) folded into the outermost type, whose name is the file's.</summary>
    public static string OuterName(IType type)
    {
        string name = type.FullName;
        int nested = name.IndexOfAny(new[] { '+', '/' });
        name = nested < 0 ? name : name[..nested];
        int generic = name.IndexOf('`');
        return generic < 0 ? name : name[..generic];
    }
}
