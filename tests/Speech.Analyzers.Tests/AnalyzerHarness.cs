using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Speech.Analyzers.Tests;

/// <summary>Compiles C# against the framework and TorchSharp 0.107 and runs the analyzer on it.</summary>
internal static class AnalyzerHarness
{
    static readonly MetadataReference[] References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Append(typeof(TorchSharp.torch).Assembly.Location)
        .Distinct()
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToArray();

    public static CSharpCompilation Compile(string source)
    {
        var compilation = CSharpCompilation.Create("Snippet", [CSharpSyntaxTree.ParseText(source)], References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("the snippet does not compile: " + string.Join("; ", errors));
        return compilation;
    }

    /// <summary>The SPEECH001 diagnostics of <paramref name="statements"/>, run inside a method
    /// with tensors x, y and an owned Scalar s in scope.</summary>
    public static IReadOnlyList<Diagnostic> Analyze(string statements)
    {
        var source = $$"""
            using System;
            using TorchSharp;
            using static TorchSharp.torch;

            static class Snippet
            {
                static void Run(Tensor x, Tensor y, Scalar s)
                {
                    {{statements}}
                }
            }
            """;
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ImplicitScalarAnalyzer());
        return Compile(source).WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().Result
            .Where(d => d.Id == ImplicitScalarAnalyzer.Id).ToList();
    }
}
