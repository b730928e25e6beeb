using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Speech.Analyzers;

/// <summary>SPEECH001: no TorchSharp Scalar that nothing owns. Such a Scalar is unreachable once its
/// handle is passed to libtorch: a garbage collection on any thread can queue its finaliser, and the
/// finaliser thread frees the native scalar while libtorch may still be reading it (a sporadic
/// "INTERNAL ASSERT FAILED at c10/core/Scalar.h" that kills long runs). A Scalar made with
/// <c>ToScalar()</c> and held by a <c>using</c>, or a static one (<c>Scalars.One</c>), lives until
/// the call has returned. Flagged: a number converted to a Scalar at our call site; TorchSharp's
/// tensor operators with a number operand (they convert inside); a <c>ToScalar()</c> passed straight
/// into a call or an operator; and the TorchSharp members listed in <see cref="HiddenScalarMembers"/>,
/// which make such Scalars in their own bodies (<c>x + y</c> is <c>x.add(y, 1)</c>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImplicitScalarAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "SPEECH001";

    static readonly DiagnosticDescriptor Rule = new(Id, "A TorchSharp Scalar that nothing owns",
        "'{0}' makes a TorchSharp Scalar that nothing owns ({1}): the finaliser thread can free it while libtorch reads it. Use {2}.",
        "Reliability", DiagnosticSeverity.Error, isEnabledByDefault: true);

    const string OwnedAlternative = "a Scalar made with ToScalar() in a using, or a static one from Scalars";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeConversion, OperationKind.Conversion);
        context.RegisterOperationAction(c => AnalyzeOperator(c, ((IBinaryOperation)c.Operation).OperatorMethod), OperationKind.Binary);
        context.RegisterOperationAction(c => AnalyzeOperator(c, ((ICompoundAssignmentOperation)c.Operation).OperatorMethod), OperationKind.CompoundAssignment);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(c => AnalyzeMember(c, ((IMethodReferenceOperation)c.Operation).Method), OperationKind.MethodReference);
        context.RegisterOperationAction(c => AnalyzeMember(c, ((IPropertyReferenceOperation)c.Operation).Property), OperationKind.PropertyReference);
        context.RegisterOperationAction(c => AnalyzeMember(c, ((IObjectCreationOperation)c.Operation).Constructor), OperationKind.ObjectCreation);
    }

    static bool IsTensor(ITypeSymbol? type) => type is INamedTypeSymbol named && HiddenScalarMembers.FullName(named) == "TorchSharp.torch.Tensor";

    static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
        or SpecialType.System_SByte or SpecialType.System_Boolean;

    static void Report(OperationAnalysisContext context, SyntaxNode at, string reason, string alternative) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, at.GetLocation(), at.ToString(), reason, alternative));

    static void AnalyzeOperator(OperationAnalysisContext context, IMethodSymbol? method)
    {
        if (method is null || !IsTensor(method.ContainingType)) return;
        foreach (var parameter in method.Parameters)
            if (IsNumber(parameter.Type))
            {
                Report(context, context.Operation.Syntax, "TorchSharp's operator converts the number inside",
                    "the named method (add, sub, mul, div, remainder) with " + OwnedAlternative);
                return;
            }
        AnalyzeMember(context, method);
    }

    static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        AnalyzeMember(context, invocation.TargetMethod);
        // x.mul(2.0.ToScalar()) owns nothing either: the Scalar is unreachable during the call.
        if (invocation.TargetMethod.Name == "ToScalar" && invocation.TargetMethod.ReturnType is INamedTypeSymbol returned
            && HiddenScalarMembers.FullName(returned) == "TorchSharp.Scalar" && IsPassedOn(invocation))
            Report(context, invocation.Syntax, "a ToScalar() result passed straight on", "a using: using var s = value.ToScalar();");
    }

    static bool IsPassedOn(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation) parent = parent.Parent;
        return parent is IArgumentOperation or IBinaryOperation or ICompoundAssignmentOperation
            || parent is IInvocationOperation call && call.Instance is not null; // 2.0.ToScalar().method()
    }

    static void AnalyzeMember(OperationAnalysisContext context, ISymbol? member)
    {
        if (member is not null && HiddenScalarMembers.Find(member) is { } banned)
            Report(context, context.Operation.Syntax, banned.Reason, banned.Alternative);
    }

    static void AnalyzeConversion(OperationAnalysisContext context)
    {
        var conversion = (IConversionOperation)context.Operation;
        if (!conversion.Conversion.IsUserDefined || conversion.OperatorMethod is not { ContainingType: { } type } method) return;
        if (HiddenScalarMembers.FullName(type) == "TorchSharp.Scalar")
            Report(context, conversion.Operand.Syntax, "an implicit conversion at the call", OwnedAlternative);
        else
            AnalyzeMember(context, method);
    }
}
