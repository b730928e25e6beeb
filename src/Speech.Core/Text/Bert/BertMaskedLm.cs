using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary>A BERT masked language model with Hugging Face's <c>BertForMaskedLM</c> parameter names
/// (<c>bert.embeddings.*</c>, <c>bert.encoder.layer.N.*</c>, <c>cls.predictions.*</c>): embeddings,
/// post-norm encoder, and the MLM head (dense, GELU, LayerNorm) whose output layer is the word
/// embedding matrix itself (tied) plus <c>cls.predictions.bias</c>.</summary>
public sealed class BertMaskedLm : nn.Module
{
    readonly Body bert;
    readonly Head cls;

    public BertMaskedLm(BertConfig config) : base(nameof(BertMaskedLm))
    {
        if (config.VocabSize <= 0) throw new Errors.ConfigException("vocab_size must be set (the vocab.txt's size)");
        Config = config;
        bert = new Body(config);
        cls = new Head(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <summary>MLM logits <c>[B, T, V]</c> for ids <c>[B, T]</c>; <paramref name="valid"/> <c>[B, T]</c>
    /// (true = a real token) masks padding from attention.</summary>
    public Tensor Forward(Tensor ids, Tensor? valid = null)
    {
        using var scope = NewDisposeScope();
        if (ids.shape[1] > Config.MaxPositions) throw new ArgumentException($"{ids.shape[1]} tokens, the BERT holds at most {Config.MaxPositions} positions");
        var keyMask = (valid ?? ones_like(ids, ScalarType.Bool)).unsqueeze(1).unsqueeze(1); // [B, 1, 1, T]
        var hidden = bert.Forward(ids, keyMask);
        return cls.Forward(hidden, bert.embeddings.WordWeight).MoveToOuterDisposeScope();
    }

    sealed class Body : nn.Module
    {
        internal readonly BertEmbeddings embeddings;
        readonly Encoder encoder;

        public Body(BertConfig config) : base("BertModel")
        {
            embeddings = new BertEmbeddings(config);
            encoder = new Encoder(config);
            RegisterComponents();
        }

        public Tensor Forward(Tensor ids, Tensor keyMask) => encoder.Forward(embeddings.Forward(ids), keyMask);
    }

    sealed class Encoder : nn.Module
    {
        readonly ModuleList<BertLayer> layer;

        public Encoder(BertConfig config) : base("BertEncoder")
        {
            layer = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new BertLayer(config)).ToArray());
            RegisterComponents();
        }

        public Tensor Forward(Tensor x, Tensor keyMask)
        {
            using var scope = NewDisposeScope();
            foreach (var block in layer) x = block.Forward(x, keyMask);
            return x.MoveToOuterDisposeScope();
        }
    }

    /// <summary><c>cls</c>: holds <c>predictions</c> (Hugging Face's BertOnlyMLMHead).</summary>
    sealed class Head : nn.Module
    {
        readonly Predictions predictions;

        public Head(BertConfig config) : base("BertOnlyMLMHead")
        {
            predictions = new Predictions(config);
            RegisterComponents();
        }

        public Tensor Forward(Tensor hidden, Tensor wordWeight) => predictions.Forward(hidden, wordWeight);
    }

    sealed class Predictions : nn.Module
    {
        readonly Transform transform;
        readonly Parameter bias;

        public Predictions(BertConfig config) : base("BertLMPredictionHead")
        {
            transform = new Transform(config);
            bias = nn.Parameter(zeros(config.VocabSize));
            RegisterComponents();
        }

        public Tensor Forward(Tensor hidden, Tensor wordWeight)
        {
            using var scope = NewDisposeScope();
            return transform.Forward(hidden).matmul(wordWeight.t()).add(bias, Scalars.One).MoveToOuterDisposeScope(); // [B, T, V], tied
        }
    }

    sealed class Transform : nn.Module
    {
        readonly Linear dense;
        readonly LayerNorm LayerNorm;

        public Transform(BertConfig config) : base("BertPredictionHeadTransform")
        {
            dense = nn.Linear(config.HiddenSize, config.HiddenSize);
            LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x) => LayerNorm.forward(nn.functional.gelu(dense.forward(x)));
    }
}
