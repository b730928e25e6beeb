using Speech.Verification.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Verification.Tests.Model;

/// <summary>Tiny seeded models and inputs shared by the model tests.</summary>
static class SpeakerModels
{
    public static SpeakerTransformerConfig Student(string head = "softmax", int classTokens = 1, bool distillation = true, string embedding = "class") => new()
    {
        FeatureDim = 20, DModel = 16, Layers = 1, Heads = 2, FfnDim = 32, ConvChannels = 4, MaxPositions = 64,
        NumSpeakers = 5, Head = head, ClassTokens = classTokens, DistillationToken = distillation, Embedding = embedding,
    };

    public static SpeakerTransformerConfig Teacher() => Student(distillation: false) with { DModel = 24, Layers = 2, FfnDim = 48 };

    public static SpeakerTransformer Create(SpeakerTransformerConfig config, long seed = 5)
    {
        torch.manual_seed(seed);
        return new SpeakerTransformer(config);
    }

    /// <summary>Three utterances of 40, 33 and 25 frames, zero-padded: <c>[3, 40, 20]</c>.</summary>
    public static (Tensor Features, Tensor Lengths) Inputs(long seed = 11)
    {
        var generator = new Generator((ulong)seed);
        var features = randn([3, 40, 20], generator: generator);
        var lengths = tensor(new long[] { 40, 33, 25 });
        using (no_grad())
        {
            features[1, TensorIndex.Slice(33)] = zeros(7, 20);
            features[2, TensorIndex.Slice(25)] = zeros(15, 20);
        }
        return (features, lengths);
    }
}
