using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>A masked-LM batch: inputs <c>[B, T]</c> (padded with [PAD]), labels <c>[B, T]</c>
/// (<see cref="BertMasking.Ignored"/> where nothing is predicted), valid <c>[B, T]</c> (true = a token).</summary>
public sealed record BertTextBatch(Tensor Inputs, Tensor Labels, Tensor Valid) : IDisposable
{
    public static BertTextBatch From(long[][] inputs, long[][] labels, long pad, Device device)
    {
        int rows = inputs.Length, longest = inputs.Max(r => r.Length);
        var x = new long[rows * longest];
        var y = new long[rows * longest];
        var valid = new bool[rows * longest];
        for (int r = 0; r < rows; r++)
            for (int t = 0; t < longest; t++)
            {
                bool inside = t < inputs[r].Length;
                x[r * longest + t] = inside ? inputs[r][t] : pad;
                y[r * longest + t] = inside ? labels[r][t] : BertMasking.Ignored;
                valid[r * longest + t] = inside;
            }
        long[] shape = [rows, longest];
        return new BertTextBatch(tensor(x, shape, device: device), tensor(y, shape, device: device), tensor(valid, shape, device: device));
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
        Valid.Dispose();
    }
}
