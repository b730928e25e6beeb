namespace Speech.Core.Training;

/// <summary>Compute precision. TorchSharp has no autocast: with Bf16 the model's weights are cast
/// to bfloat16 for the forward and backward passes while the optimizer keeps float32 master
/// weights; objectives compute losses in float32.</summary>
public enum Precision { Fp32, Bf16 }
