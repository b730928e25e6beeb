using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>One named term of an objective: its value (a scalar tensor) and its weight in the total.</summary>
public sealed record LossTerm(string Name, Tensor Value, double Weight = 1.0);
