using Microsoft.CodeAnalysis;

namespace Speech.Analyzers.Tests;

public sealed class HiddenScalarMembersTests
{
    /// <summary>Every entry names a member TorchSharp really has (a typo would ban nothing).</summary>
    [Fact]
    public void Every_entry_matches_a_member_of_torchsharp()
    {
        var compilation = AnalyzerHarness.Compile("class Empty { }");
        var torchSharp = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>()
            .Single(a => a.Name == "TorchSharp");
        var members = Types(torchSharp.GlobalNamespace).SelectMany(t => t.GetMembers()).ToList();

        var unmatched = HiddenScalarMembers.All
            .Where(entry => !members.Any(m => ReferenceEquals(HiddenScalarMembers.Find(m), entry)))
            .Select(entry => $"{entry.Type}.{entry.Name}({entry.Parameters})")
            .ToList();

        Assert.Empty(unmatched);
    }

    static IEnumerable<INamedTypeSymbol> Types(INamespaceOrTypeSymbol container) =>
        container.GetMembers().OfType<INamespaceOrTypeSymbol>()
            .SelectMany(child => child is INamedTypeSymbol type ? Types(type).Prepend(type) : Types(child));
}
