using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>The one place a model's weights change precision: a model that only runs (decoding, a
/// frozen teacher) is cast whole; a trained one keeps float32 master weights in the optimiser and is
/// cast by <see cref="Trainer{TBatch}"/> through the same call.</summary>
public static class ModelPrecision
{
    public static void Apply(nn.Module model, Precision precision)
    {
        if (precision == Precision.Bf16) model.to(ScalarType.BFloat16);
    }
}
