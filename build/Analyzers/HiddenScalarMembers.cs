using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Speech.Analyzers;

/// <summary>The TorchSharp members that make a Scalar nobody owns inside their own body: calling one
/// is as unsafe as an implicit conversion at our call site, only invisible there.
/// <para>How the list was made (TorchSharp 0.107.0, the package the solution pins): every method of
/// TorchSharp.dll whose IL calls one of Scalar's implicit conversions or a ToScalar() without
/// owning the result, closed over the calls between TorchSharp's own methods (build/ScalarAudit
/// prints that list), then read in the source (src/TorchSharp). Kept here: everything a speech
/// toolkit may reach (tensor maths, factories, functional, modules, optimisers, formatting,
/// tensorboard); distributions and jit by whole type. Not here because they make no Scalar:
/// <c>Tensor - Tensor</c> and <c>sub(Tensor)</c> (THSTensor_sub takes no alpha),
/// <c>item&lt;T&gt;()</c>, the plain <c>ToString()</c>. Recheck the list when the TorchSharp
/// version changes.</para></summary>
public static class HiddenScalarMembers
{
    const string Tensor = "TorchSharp.torch.Tensor", Torch = "TorchSharp.torch", Functional = "TorchSharp.torch.nn.functional",
        Nn = "TorchSharp.torch.nn", Modules = "TorchSharp.Modules", Optim = "TorchSharp.torch.optim",
        Extensions = "TorchSharp.TensorExtensionMethods";

    const string AlphaOne = "it passes an implicit Scalar 1 as alpha";
    const string OwnedScalar = "the overload that takes Scalars, made with ToScalar() in a using";
    const string ReadsElement = "it reads the value through Tensor.ToScalar() and never disposes it";

    /// <summary>The list, grouped by where the member lives.</summary>
    public static readonly IReadOnlyList<BannedMember> All =
    [
        // Tensor arithmetic: add(target) is add(target, 1), and the operators call it.
        new BannedMember(Tensor, "op_Addition", "Tensor,Tensor", "x + y is x.add(y), and " + AlphaOne, "x.add(y, Scalars.One)"),
        new BannedMember(Tensor, "op_Addition", "Tensor,Scalar", "x + s is x.add(s), and " + AlphaOne, "x.add(s, Scalars.One)"),
        new BannedMember(Tensor, "op_Addition", "Scalar,Tensor", "s + x is x.add(s), and " + AlphaOne, "x.add(s, Scalars.One)"),
        new BannedMember(Tensor, "op_Subtraction", "Scalar,Tensor", "s - x is x.negative().add(s), and " + AlphaOne, "x.negative().add(s, Scalars.One)"),
        new BannedMember(Tensor, "add", "Tensor", AlphaOne, "x.add(y, Scalars.One)"),
        new BannedMember(Tensor, "add", "Scalar", AlphaOne, "x.add(s, Scalars.One)"),
        new BannedMember(Tensor, "add_", "Tensor", AlphaOne, "x.add_(y, Scalars.One)"),
        new BannedMember(Tensor, "add_", "Scalar", AlphaOne, "x.add_(s, Scalars.One)"),
        new BannedMember(Torch, "add", "Tensor,Tensor", AlphaOne, "x.add(y, Scalars.One)"),
        new BannedMember(Torch, "add", "Tensor,Scalar", AlphaOne, "x.add(s, Scalars.One)"),
        new BannedMember(Torch, "add_", "Tensor,Tensor", AlphaOne, "x.add_(y, Scalars.One)"),
        new BannedMember(Torch, "add_", "Tensor,Scalar", AlphaOne, "x.add_(s, Scalars.One)"),
        new BannedMember(Tensor, "addcdiv", "Tensor,Tensor", "it passes an implicit Scalar 1 as value", "x.addcdiv(a, b, Scalars.One)"),
        new BannedMember(Tensor, "addcdiv_", "Tensor,Tensor", "it passes an implicit Scalar 1 as value", "x.addcdiv_(a, b, Scalars.One)"),
        new BannedMember(Tensor, "square", "", "it is pow(2) with an implicit Scalar 2", "x.pow(Scalars.Two)"),
        new BannedMember(Torch, "square", "Tensor", "it is pow(2) with an implicit Scalar 2", "x.pow(Scalars.Two)"),
        new BannedMember(Tensor, "celu", "", "it passes an implicit alpha 1.0", OwnedScalar),
        new BannedMember(Tensor, "celu_", "", "it passes an implicit alpha 1.0", OwnedScalar),
        new BannedMember(Tensor, "elu", "Double", "it converts alpha, scale and input_scale", OwnedScalar),
        new BannedMember(Tensor, "elu_", "Double", "it converts alpha, scale and input_scale", OwnedScalar),
        new BannedMember(Tensor, "softplus", null, "it converts beta and threshold", "an explicit formula with owned Scalars"),

        // Factories.
        new BannedMember(Torch, "arange", "Scalar,Nullable,Device,Boolean", "arange(stop) is arange(0, stop, 1)", "Scalars.Arange(start, stop, device)"),
        new BannedMember(Torch, "arange", "Scalar,Scalar,Nullable,Device,Boolean", "arange(start, stop) is arange(start, stop, 1)", "Scalars.Arange(start, stop, device)"),
        new BannedMember(Torch, "normal", null, "it scales randn with mul_(std) and add_(mean), converting both", "randn(...) with mul_ and add_(…, Scalars.One) on owned Scalars"),
        new BannedMember(Torch, "histogram", null, "it bins with number operators", "a histogram computed with owned Scalars"),

        // Reading values and formatting.
        new BannedMember(Tensor, "op_Explicit", "Tensor", "(float)x is x.ToSingle(), and " + ReadsElement, "x.item<T>()"),
        new BannedMember(Tensor, "tolist", null, ReadsElement, "x.data<T>().ToArray()"),
        new BannedMember(Tensor, "ToString", "TensorStringStyle,String,Nullable,CultureInfo,String", "it prints each element via ToScalar()", "format x.data<T>() yourself"),
        new BannedMember(Tensor, "ToString", "Boolean,String,Nullable,CultureInfo,String", "it prints each element via ToScalar()", "format x.data<T>() yourself"),
        .. Reads(Extensions, "ToSingle", "ToDouble", "ToHalf", "ToBFloat16", "ToBoolean", "ToByte", "ToSByte", "ToInt16", "ToInt32",
            "ToInt64", "ToComplex32", "ToComplex64", "ToComplexFloat32", "ToComplexFloat64"),
        .. Every(Extensions, "it prints each element via ToScalar()", "format x.data<T>() yourself", "str", "print", "cstr", "npstr", "jlstr", "metastr"),

        // Functional forms and the modules built on them (modules by factory: forward is reached
        // through Module.call, which the analyzer cannot see through).
        .. Every(Functional, "it converts its number arguments to Scalars", OwnedScalar + " on the Tensor method",
            "celu", "elu", "hardshrink", "Hardshrink", "hardtanh", "Hardtanh", "leaky_relu", "softshrink", "Softshrink",
            "threshold", "Threshold", "softplus", "mish", "Mish", "softsign", "Softsign"),
        .. Every(Nn, "its forward makes Scalars inside (BatchNorm: num_batches_tracked.add_(1))", "a module of ours built on owned Scalars",
            "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "CELU", "ELU", "Hardshrink", "Hardtanh", "LeakyReLU", "Mish", "Softplus",
            "Softshrink", "Softsign", "Threshold", "PReLU", "GaussianNLLLoss"),
        .. Every(Modules, "it makes Scalars inside", "a module of ours built on owned Scalars",
            "BatchNorm.forward", "CELU.forward", "ELU.forward", "Hardshrink.forward", "Hardtanh.forward", "LeakyReLU.forward",
            "Mish.forward", "Softplus.forward", "Softshrink.forward", "Softsign.forward", "Threshold.forward", "GaussianNLLLoss.forward"),
        new BannedMember("TorchSharp.torch.linalg", "vector_norm", "Tensor,Double,Int64[],Boolean", "it passes ord.ToScalar() and never disposes it", "x.norm(...) or pow/sum/sqrt with owned Scalars"),
        new BannedMember("TorchSharp.torch.linalg", "matrix_norm", "Tensor,Double,Int64[],Boolean", "it passes ord.ToScalar() and never disposes it", "the string ord (\"fro\", \"nuc\")"),
        .. Every("TorchSharp.torch.nn.utils", "it adds an eps with a number operator", "the fusion written with owned Scalars",
            "fuse_conv_bn_weights", "fuse_linear_bn_weights", "fuse_linear_bn_eval"),

        // Optimisers: every step() updates with implicit Scalars (mul_(1 - lr * wd), add_(g, alpha: 1 - beta1)).
        .. Every(Optim, "its step() converts the hyper-parameters to Scalars on every update", "Speech.Core.Training.AdamW",
            "Adadelta", "Adagrad", "Adam", "Adamax", "AdamW", "ASGD", "NAdam", "RAdam", "RMSProp", "Rprop", "SGD"),
        .. Every(Modules, "it converts the hyper-parameters to Scalars on every update", "Speech.Core.Training.AdamW",
            "Adadelta.step", "Adagrad.step", "Adam.step", "Adamax.step", "AdamW.step", "ASGD.step", "NAdam.step", "RAdam.step",
            "RMSProp.step", "Rprop.step", "SGD.step", "Adagrad.State.Initialize", "Rprop.State.Initialize"),

        // Whole families (every member, derived and nested types too): most of them use number operators.
        new BannedMember("TorchSharp.torch.distributions.Distribution", null, null, "distributions compute with number operators", "the formula with owned Scalars"),
        new BannedMember("TorchSharp.torch.distributions", null, null, "distributions compute with number operators", "the formula with owned Scalars"),
        new BannedMember("TorchSharp.torch.jit.ScriptModule", null, null, "it boxes number arguments into Scalars it never disposes", "tensors as arguments, or a module of ours"),
        new BannedMember("TorchSharp.torch.jit.CompilationUnit", null, null, "it boxes number arguments into Scalars it never disposes", "tensors as arguments, or a module of ours"),

        // TensorBoard: scalars are safe, the tensor summaries bin and scale with number operators.
        .. Every("TorchSharp.torch.utils.tensorboard.Summary", "it bins or scales with number operators", "scalars only (add_scalar)",
            "histogram", "image", "video", "make_histogram"),
        new BannedMember("TorchSharp.torch.utils.tensorboard.utils", "prepare_video", null, "it scales with number operators", "scalars only (add_scalar)"),
        .. Every("TorchSharp.Modules.SummaryWriter", "it bins or scales with number operators", "scalars only (add_scalar)",
            "add_histogram", "add_img", "add_video"),
    ];

    static IEnumerable<BannedMember> Reads(string type, params string[] names) =>
        names.Select(n => new BannedMember(type, n, "Tensor", ReadsElement, "x.item<T>()"));

    /// <summary>Every overload of each name; "Outer.member" names a member of a type nested in <paramref name="type"/>.</summary>
    static IEnumerable<BannedMember> Every(string type, string reason, string alternative, params string[] names) =>
        names.Select(n => n.LastIndexOf('.') is var dot && dot > 0
            ? new BannedMember(type + "." + n.Substring(0, dot), n.Substring(dot + 1), null, reason, alternative)
            : new BannedMember(type, n, null, reason, alternative));

    static readonly ILookup<string, BannedMember> ByType = All.ToLookup(m => m.Type);

    /// <summary>The entry that bans <paramref name="member"/>, or null.</summary>
    public static BannedMember? Find(ISymbol member)
    {
        if (member is IMethodSymbol method) member = (method.ReducedFrom ?? method).OriginalDefinition;
        if (member.ContainingType is not { } type) return null;
        var named = ByType[FullName(type)].FirstOrDefault(m => m.Name is not null && m.Name == member.MetadataName
            && (m.Parameters is null || m.Parameters == Signature(member)));
        if (named is not null) return named;
        // A family entry covers the types derived from it and the types nested in it.
        for (var outer = type; outer is not null; outer = outer.ContainingType)
            for (var t = outer; t is not null; t = t.BaseType)
                if (ByType[FullName(t)].FirstOrDefault(m => m.Name is null) is { } family) return family;
        return null;
    }

    /// <summary>Namespace and outer types joined by dots, without generic arity.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var prefix = type.ContainingType is { } outer ? FullName(outer)
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null;
        return prefix is null ? type.Name : prefix + "." + type.Name;
    }

    static string Signature(ISymbol member) => member switch
    {
        IMethodSymbol m => string.Join(",", m.Parameters.Select(p => TypeName(p.Type))),
        IPropertySymbol p => string.Join(",", p.Parameters.Select(q => TypeName(q.Type))),
        _ => "",
    };

    static string TypeName(ITypeSymbol type) => type is IArrayTypeSymbol array ? TypeName(array.ElementType) + "[]" : type.Name;
}
