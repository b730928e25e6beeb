using Speech.Captioning.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Captioning.Tests.Model;

/// <summary>Small models and inputs shared by the model tests.</summary>
internal static class CaptionModelFixtures
{
    public static CaptionConfig Tiny(int encoderDim = 16) => new()
    {
        FeatureDim = 16, EncoderBlocks = 2, EncoderChannels = 8, EncoderDim = encoderDim, DModel = 16, Heads = 2, FfnDim = 32,
        DecoderLayers = 2, Dropout = 0.0, VocabSize = 12, MaxLength = 8, BeamSize = 3,
    };

    /// <summary>Random features <c>[B, T, F]</c> and lengths (the last clip shorter, so masks matter).</summary>
    public static (Tensor Features, Tensor Lengths) Inputs(int batch = 3, int frames = 40, int bins = 16, long seed = 7)
    {
        var generator = new Generator((ulong)seed);
        var features = randn([batch, frames, bins], generator: generator);
        var lengths = tensor(Enumerable.Range(0, batch).Select(b => (long)(b == batch - 1 ? frames / 2 : frames)).ToArray());
        return (features, lengths);
    }

    public static CaptionModel Model(CaptionConfig config, long seed = 1)
    {
        manual_seed(seed);
        var model = new CaptionModel(config);
        model.eval();
        return model;
    }
}
