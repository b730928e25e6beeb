using Speech.Asr.Ctc;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A CTC encoder's block output as MVQ teacher embeddings (its own fbank features, 4×
/// subsampling: 40 ms frames).</summary>
public sealed class CtcEmbeddingTeacher : IEmbeddingTeacher
{
    readonly CtcModel model;
    readonly CtcBatchBuilder features;
    readonly string name;
    readonly int layer;
    readonly Device device;

    /// <param name="layer">Block whose output is used, 1 … layers.</param>
    public CtcEmbeddingTeacher(string folder, int layer, Device device)
    {
        var (loaded, vocabulary) = CtcCheckpoint.Load(folder);
        if (layer < 1 || layer > loaded.Config.Layers)
        {
            loaded.Dispose();
            throw new Speech.Core.Errors.ConfigException($"{folder}: layer {layer} does not exist (the encoder has layers 1 to {loaded.Config.Layers})");
        }
        model = loaded;
        model.to(device);
        features = new CtcBatchBuilder(vocabulary, model.Config.FeatureDim, device: device);
        name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        this.layer = layer;
        this.device = device;
    }

    public string Description => $"ctc {name} encoder layer {layer}";
    public int Dim => model.Config.DModel;
    public double FrameShift => 0.04;

    public Tensor Embed(float[] samples)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var (input, lengths) = features.Features(new[] { samples });
        using var output = model.Forward(input, lengths, keepLayers: true);
        long frames = Math.Max(1, output.Lengths[0].item<long>());
        return output.Layers![layer - 1][0].narrow(0, 0, frames).cpu().MoveToOuterDisposeScope(); // [T, D]
    }

    public void Dispose()
    {
        features.Dispose();
        model.Dispose();
    }
}
