using System.Text.Json;
using System.Text.Json.Serialization;
using Speech.Core.Errors;

namespace Speech.Verification.Model;

/// <summary>The architecture of a <see cref="SpeakerTransformer"/>, saved as the model folder's
/// <c>config.json</c>. Defaults are the CPU student of methods.md §5.5 (2 blocks, d 64); the paper's
/// layer counts are not stated.</summary>
public sealed record SpeakerTransformerConfig
{
    /// <summary>Input features per frame (Kaldi fbank bins).</summary>
    [JsonPropertyName("feature_dim")] public int FeatureDim { get; init; } = 80;
    [JsonPropertyName("d_model")] public int DModel { get; init; } = 64;
    [JsonPropertyName("layers")] public int Layers { get; init; } = 2;
    [JsonPropertyName("heads")] public int Heads { get; init; } = 4;
    [JsonPropertyName("ffn_dim")] public int FfnDim { get; init; } = 256;
    [JsonPropertyName("conv_channels")] public int ConvChannels { get; init; } = 32;
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.1;
    /// <summary>Frames after the 4× conv subsampling that positional embeddings cover (learned, as DeiT).</summary>
    [JsonPropertyName("max_positions")] public int MaxPositions { get; init; } = 512;
    /// <summary><c>class_token</c> (the paper) or <c>average</c> (masked mean over frames, the baseline).</summary>
    [JsonPropertyName("pooling")] public string Pooling { get; init; } = "class_token";
    /// <summary>Learnable class tokens; above 1, training samples one per utterance (the journal
    /// version's "sampling estimation") and inference uses their mean.</summary>
    [JsonPropertyName("class_tokens")] public int ClassTokens { get; init; } = 1;
    /// <summary>A second token and head that learn from the teacher (DeiT).</summary>
    [JsonPropertyName("distillation_token")] public bool DistillationToken { get; init; }
    [JsonPropertyName("num_speakers")] public int NumSpeakers { get; init; } = 10;
    /// <summary><c>softmax</c> (linear + bias) or <c>aam</c> (additive angular margin, ArcFace).</summary>
    [JsonPropertyName("head")] public string Head { get; init; } = "softmax";
    [JsonPropertyName("margin")] public double Margin { get; init; } = 0.2;
    [JsonPropertyName("scale")] public double Scale { get; init; } = 30;
    /// <summary><c>class</c>, <c>distillation</c>, <c>mean</c> or <c>concat</c> of the L2-normalised token states
    /// (<c>average</c> pooling has only one state).</summary>
    [JsonPropertyName("embedding")] public string Embedding { get; init; } = "class";

    public static readonly string[] Poolings = ["class_token", "average"], HeadKinds = ["softmax", "aam"],
        Embeddings = ["class", "distillation", "mean", "concat"];

    public bool UsesTokens => Pooling == "class_token";

    /// <summary>Throws a <see cref="ConfigException"/> naming the bad field and the valid choices.</summary>
    public SpeakerTransformerConfig Validated()
    {
        Check(Poolings.Contains(Pooling), $"pooling '{Pooling}' (choose {string.Join(", ", Poolings)})");
        Check(HeadKinds.Contains(Head), $"head '{Head}' (choose {string.Join(", ", HeadKinds)})");
        Check(Embeddings.Contains(Embedding), $"embedding '{Embedding}' (choose {string.Join(", ", Embeddings)})");
        Check(DModel % Heads == 0, $"d_model {DModel} is not a multiple of heads {Heads}");
        Check(ClassTokens >= 1, $"class_tokens {ClassTokens} must be at least 1");
        Check(NumSpeakers >= 2, $"num_speakers {NumSpeakers} must be at least 2");
        Check(UsesTokens || !DistillationToken, "a distillation token needs pooling class_token");
        Check(Embedding is "class" || (UsesTokens && DistillationToken), $"embedding '{Embedding}' needs a distillation token");
        return this;
    }

    /// <summary>Width of the embedding the model returns.</summary>
    public int EmbeddingDim => Embedding == "concat" ? 2 * DModel : DModel;

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    public static SpeakerTransformerConfig FromJson(string json, string source)
    {
        try { return (JsonSerializer.Deserialize<SpeakerTransformerConfig>(json) ?? throw new ConfigException($"{source}: empty config")).Validated(); }
        catch (JsonException e) { throw new ConfigException($"{source}: not a speaker-transformer config ({e.Message})"); }
    }

    static void Check(bool ok, string problem)
    {
        if (!ok) throw new ConfigException($"speaker transformer config: {problem}");
    }
}
