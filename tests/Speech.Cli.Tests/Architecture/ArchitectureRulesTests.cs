using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Speech.Cli.Tests.Architecture;

/// <summary>DESIGN's "Keeping the shape" as tests: Core references no domain project; libraries
/// reference neither the CLI nor the console; within Core, Audio does not read Data; the
/// engine-neutral Inference folder does not know Whisper; the CLI uses the libraries' public faces
/// (loaders, runs, result records), not Whisper's decoding internals; no namespace cycles.</summary>
public sealed class ArchitectureRulesTests
{
    static readonly ArchUnitNET.Domain.Architecture Loaded = SolutionArchitecture.Loaded;

    static string Below(string ns) => $"^{ns.Replace(".", "\\.")}(\\..+)?$";

    [Fact]
    public void Core_does_not_depend_on_the_domain_libraries_or_the_cli()
    {
        IArchRule rule = Types().That().ResideInNamespaceMatching(Below("Speech.Core"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^Speech\.(Asr|Captioning|Verification|Cli)(\..+)?$"))
            .Because("Core is what every recipe shares (DESIGN: Core references no domain project)");
        rule.Check(Loaded);
        var core = typeof(Speech.Core.Data.Cut).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(core, name => name is "Speech.Asr" or "Speech.Captioning" or "Speech.Verification" or "speech");
    }

    [Fact]
    public void Libraries_do_not_depend_on_the_cli_or_the_console()
    {
        IArchRule rule = Types().That().ResideInNamespaceMatching(@"^Speech\.(Core|Asr|Captioning|Verification)(\..+)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Below("Speech.Cli"))
                .Or().HaveFullName("System.Console")
                .Or().ResideInNamespaceMatching(Below("Spectre.Console")))
            .Because("libraries throw typed exceptions and report through IProgress<T>; the CLI does the talking");
        rule.Check(Loaded);
        foreach (var library in SolutionArchitecture.Libraries)
            Assert.DoesNotContain(library.GetReferencedAssemblies(), a => a.Name is "speech" or "Spectre.Console" or "System.CommandLine");
    }

    [Fact]
    public void Core_audio_does_not_depend_on_the_data_layer()
    {
        IArchRule rule = Types().That().ResideInNamespaceMatching(Below("Speech.Core.Audio"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Below("Speech.Core.Data")))
            .Because("audio reads sources and spans; the data layer (cuts, manifests) builds on it, not the other way round");
        rule.Check(Loaded);
    }

    [Fact]
    public void Inference_does_not_depend_on_whisper()
    {
        IArchRule rule = Types().That().ResideInNamespaceMatching(Below("Speech.Asr.Inference"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Below("Speech.Asr.Whisper")))
            .Because("Inference is the engine-neutral recogniser API that CTC and Whisper engines both implement");
        rule.Check(Loaded);
    }

    [Fact]
    public void The_cli_does_not_reach_into_whisper_decoding()
    {
        IArchRule rule = Types().That().ResideInNamespaceMatching(Below("Speech.Cli"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Below("Speech.Asr.Whisper.Decoding")))
            .Because("verbs call a loader, a run or an evaluation and print its result record; decoding loops live in Speech.Asr");
        rule.Check(Loaded);
    }

    [Fact]
    public void Namespaces_have_no_cycles()
    {
        // One slice per namespace (Speech.X.Y and Speech.X.Y.Z are different slices), so a cycle
        // between a folder and its subfolder counts too.
        IArchRule rule = ArchUnitNET.Fluent.Slices.SliceRuleDefinition.Slices().Matching("Speech.(**)").Should().BeFreeOfCycles();
        rule.Check(Loaded);
    }
}
