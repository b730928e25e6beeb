using TorchSharp;
using Speech.Core.Errors;
using Speech.Core.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>AdamW (Loshchilov &amp; Hutter) with decoupled weight decay on matrices only (biases and
/// norm weights, the 1-D parameters, are not decayed), optional float32 master weights for
/// low-precision parameters, and state that is plain named tensors, so a checkpoint restores it
/// bit for bit.</summary>
public sealed class AdamW : IDisposable
{
    sealed record Slot(string Name, Parameter Parameter, bool Decay, Tensor ExpAvg, Tensor ExpAvgSq, Tensor? Master);

    readonly List<Slot> slots = new();
    readonly double beta1, beta2, epsilon, weightDecay;

    /// <param name="masterInit">Float32 starting values for parameters stored in lower precision
    /// (the weights before the model was cast), by name.</param>
    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0.0, IReadOnlyDictionary<string, Tensor>? masterInit = null)
    {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        using var guard = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            if (!parameter.requires_grad) continue; // frozen groups take no optimizer state
            Tensor? master = parameter.dtype == ScalarType.Float32 ? null
                : (masterInit is not null && masterInit.TryGetValue(name, out var initial) ? initial : parameter)
                    .detach().to(ScalarType.Float32).clone().DetachFromDisposeScope();
            var shape = master ?? parameter;
            slots.Add(new Slot(name, parameter, parameter.dim() >= 2,
                zeros_like(shape).DetachFromDisposeScope(), zeros_like(shape).DetachFromDisposeScope(), master));
        }
    }

    /// <summary>Updates taken so far (drives the bias correction).</summary>
    public long Step { get; private set; }

    public IEnumerable<Parameter> Parameters => slots.Select(s => s.Parameter);

    public IReadOnlyList<string> DecayedNames => slots.Where(s => s.Decay).Select(s => s.Name).ToList();

    public void ZeroGrad()
    {
        foreach (var slot in slots) slot.Parameter.grad?.zero_();
    }

    /// <summary>One update at learning rate <paramref name="learningRate"/>.</summary>
    public void Update(double learningRate)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        Step++;
        double correction1 = 1 - Math.Pow(beta1, Step), correction2 = Math.Sqrt(1 - Math.Pow(beta2, Step));
        // Explicit Scalars, disposed after the loop: TorchSharp's implicit double → Scalar conversions
        // are left to the finalizer thread, which can free one while libtorch still reads it (a
        // sporadic "toFloat at c10/core/Scalar.h" assertion in long runs).
        using Scalar decay = (1 - learningRate * weightDecay).ToScalar(), keep1 = beta1.ToScalar(), take1 = (1 - beta1).ToScalar(),
            keep2 = beta2.ToScalar(), take2 = (1 - beta2).ToScalar(), correction = correction2.ToScalar(), eps = epsilon.ToScalar(),
            stepSize = (-learningRate / correction1).ToScalar();
        foreach (var slot in slots)
        {
            var gradient = slot.Parameter.grad;
            if (gradient is null) continue;
            if (slot.Master is not null) gradient = gradient.to(ScalarType.Float32);
            var target = slot.Master ?? slot.Parameter;
            if (slot.Decay && weightDecay > 0) target.mul_(decay);
            slot.ExpAvg.mul_(keep1).add_(gradient, alpha: take1);
            slot.ExpAvgSq.mul_(keep2).addcmul_(gradient, gradient, value: take2);
            var denominator = slot.ExpAvgSq.sqrt().div_(correction).add_(eps, Scalars.One);
            target.addcdiv_(slot.ExpAvg, denominator, value: stepSize);
            if (slot.Master is not null) slot.Parameter.copy_(slot.Master);
        }
    }

    /// <summary>The state as named tensors (moments, master weights); <see cref="Step"/> travels separately.</summary>
    public Dictionary<string, Tensor> StateTensors()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var slot in slots)
        {
            state[$"{slot.Name}.exp_avg"] = slot.ExpAvg;
            state[$"{slot.Name}.exp_avg_sq"] = slot.ExpAvgSq;
            if (slot.Master is not null) state[$"{slot.Name}.master"] = slot.Master;
        }
        return state;
    }

    public void LoadState(Func<string, Tensor?> load, long step, string source)
    {
        using var guard = no_grad();
        foreach (var slot in slots)
        {
            Copy(slot.ExpAvg, $"{slot.Name}.exp_avg");
            Copy(slot.ExpAvgSq, $"{slot.Name}.exp_avg_sq");
            if (slot.Master is not null) Copy(slot.Master, $"{slot.Name}.master");
        }
        Step = step;

        void Copy(Tensor target, string name)
        {
            using var value = load(name) ?? throw new CheckpointException($"{source}: optimizer state '{name}' is missing");
            if (!value.shape.SequenceEqual(target.shape))
                throw new CheckpointException($"{source}: optimizer state '{name}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}]");
            target.copy_(value);
        }
    }

    public void Dispose()
    {
        foreach (var slot in slots)
        {
            slot.ExpAvg.Dispose();
            slot.ExpAvgSq.Dispose();
            slot.Master?.Dispose();
        }
    }
}
