using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Nn;

/// <summary>Four-fold time subsampling of filterbank frames (ESPnet/icefall's Conv2dSubsampling):
/// two 3×3 convolutions with stride 2 and ReLU, then a linear projection of the flattened
/// channels × frequencies to the model width. T frames become ((T − 1) / 2 − 1) / 2 (floors).</summary>
public sealed class Conv2dSubsampling : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv1, conv2;
    readonly Linear out_proj;

    public Conv2dSubsampling(int featureDim, int modelDim, int channels = 64) : base(nameof(Conv2dSubsampling))
    {
        conv1 = nn.Conv2d(1, channels, 3, stride: 2);
        conv2 = nn.Conv2d(channels, channels, 3, stride: 2);
        out_proj = nn.Linear(channels * (((featureDim - 1) / 2 - 1) / 2), modelDim);
        RegisterComponents();
    }

    public static long OutputLength(long frames) => ((frames - 1) / 2 - 1) / 2;

    /// <summary>[B, T, F] → [B, T', D].</summary>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(conv1.forward(features.unsqueeze(1)));  // [B, C, T1, F1]
        x = nn.functional.relu(conv2.forward(x));                          // [B, C, T', F']
        x = x.permute(0, 2, 1, 3).flatten(2);                               // [B, T', C·F']
        return out_proj.forward(x).MoveToOuterDisposeScope();
    }
}
