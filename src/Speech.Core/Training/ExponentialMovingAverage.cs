using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>An exponential moving average of parameters kept in float32:
/// <c>shadow ← decay · shadow + (1 − decay) · θ</c> after every update.</summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    readonly List<(string Name, Parameter Parameter, Tensor Shadow)> entries = new();

    public ExponentialMovingAverage(IEnumerable<(string Name, Parameter Parameter)> parameters, double decay)
    {
        if (decay is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), "EMA decay must lie in (0, 1)");
        Decay = decay;
        using var guard = no_grad();
        foreach (var (name, parameter) in parameters)
            entries.Add((name, parameter, parameter.detach().to(ScalarType.Float32).clone().DetachFromDisposeScope()));
    }

    public double Decay { get; }

    public void Update()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        using Scalar keep = Decay.ToScalar(), take = (1 - Decay).ToScalar();
        foreach (var (_, parameter, shadow) in entries)
            shadow.mul_(keep).add_(parameter.detach().to(ScalarType.Float32), alpha: take);
    }

    /// <summary>The averaged weights by parameter name (owned by this object).</summary>
    public IReadOnlyDictionary<string, Tensor> Shadows => entries.ToDictionary(e => e.Name, e => e.Shadow);

    public void Load(IReadOnlyDictionary<string, Tensor> shadows)
    {
        using var guard = no_grad();
        foreach (var (name, _, shadow) in entries)
            if (shadows.TryGetValue(name, out var value)) shadow.copy_(value);
    }

    /// <summary>Copies the averaged weights into the parameters (for evaluation or export).</summary>
    public void CopyToParameters()
    {
        using var guard = no_grad();
        foreach (var (_, parameter, shadow) in entries) parameter.copy_(shadow);
    }

    public void Dispose()
    {
        foreach (var entry in entries) entry.Shadow.Dispose();
    }
}
