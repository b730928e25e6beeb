namespace Speech.Analyzers;

/// <summary>A TorchSharp member that makes a Scalar nobody owns inside its own body, why, and what to
/// call instead.</summary>
/// <param name="type">Containing type, namespaces and outer types joined by dots, no generic arity
/// (<c>TorchSharp.torch.Tensor</c>).</param>
/// <param name="name">Metadata name (<c>add</c>, <c>op_Addition</c>, <c>.ctor</c>); null for every
/// member of the type and of the types derived from it.</param>
/// <param name="parameters">Parameter type names joined by commas (<c>Tensor,Scalar</c>; arrays as
/// <c>Int64[]</c>, <c>T?</c> as <c>Nullable</c>); null for every overload.</param>
public sealed class BannedMember
{
    public BannedMember(string type, string? name, string? parameters, string reason, string alternative)
    {
        Type = type;
        Name = name;
        Parameters = parameters;
        Reason = reason;
        Alternative = alternative;
    }

    public string Type { get; }
    public string? Name { get; }
    public string? Parameters { get; }
    public string Reason { get; }
    public string Alternative { get; }
}
