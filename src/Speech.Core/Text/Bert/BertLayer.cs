using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary><c>bert.encoder.layer.N</c>: a post-norm block as in the original BERT and Hugging Face's
/// names: <c>attention.self.{query,key,value}</c>, <c>attention.output.{dense,LayerNorm}</c>,
/// <c>intermediate.dense</c>, <c>output.{dense,LayerNorm}</c>.</summary>
internal sealed class BertLayer : nn.Module
{
    readonly AttentionBlock attention;
    readonly Projection intermediate;
    readonly ResidualOutput output;

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        if (config.HiddenAct != "gelu") throw new Errors.ConfigException($"hidden_act '{config.HiddenAct}': only gelu is implemented");
        attention = new AttentionBlock(config);
        intermediate = new Projection(config.HiddenSize, config.IntermediateSize);
        output = new ResidualOutput(config.IntermediateSize, config);
        RegisterComponents();
    }

    /// <summary>[B, T, H] with key mask [B, 1, 1, T] (true = valid) → [B, T, H].</summary>
    public Tensor Forward(Tensor x, Tensor keyMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.Forward(x, keyMask);
        var hidden = nn.functional.gelu(intermediate.Forward(attended));
        return output.Forward(hidden, attended).MoveToOuterDisposeScope();
    }

    sealed class AttentionBlock : nn.Module
    {
        readonly SelfAttention self;
        readonly ResidualOutput output;

        public AttentionBlock(BertConfig config) : base("BertAttention")
        {
            self = new SelfAttention(config);
            output = new ResidualOutput(config.HiddenSize, config);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x, Tensor keyMask) => output.Forward(self.Forward(x, keyMask), x);
    }

    sealed class SelfAttention : nn.Module
    {
        readonly Linear query, key, value;
        readonly int heads, headDim;
        readonly double attentionDropout;

        public SelfAttention(BertConfig config) : base("BertSelfAttention")
        {
            if (config.HiddenSize % config.Heads != 0) throw new Errors.ConfigException($"hidden_size {config.HiddenSize} is not divisible by {config.Heads} heads");
            (heads, headDim, attentionDropout) = (config.Heads, config.HiddenSize / config.Heads, config.AttentionDropout);
            query = nn.Linear(config.HiddenSize, config.HiddenSize);
            key = nn.Linear(config.HiddenSize, config.HiddenSize);
            value = nn.Linear(config.HiddenSize, config.HiddenSize);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x, Tensor keyMask)
        {
            using var scope = NewDisposeScope();
            Tensor Split(Tensor t) => t.view(t.shape[0], t.shape[1], heads, headDim).transpose(1, 2); // [B, H, T, Dh]
            var context = nn.functional.scaled_dot_product_attention(Split(query.forward(x)), Split(key.forward(x)), Split(value.forward(x)),
                keyMask, training ? attentionDropout : 0.0, false); // scaled by 1/sqrt(Dh), as BERT
            return context.transpose(1, 2).reshape(x.shape[0], x.shape[1], heads * headDim).MoveToOuterDisposeScope();
        }
    }

    sealed class Projection : nn.Module
    {
        readonly Linear dense;

        public Projection(int inputs, int outputs) : base("BertIntermediate")
        {
            dense = nn.Linear(inputs, outputs);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x) => dense.forward(x);
    }

    /// <summary>dense → dropout → LayerNorm(· + residual): BERT's post-norm.</summary>
    sealed class ResidualOutput : nn.Module
    {
        readonly Linear dense;
        readonly LayerNorm LayerNorm;
        readonly Dropout dropout;

        public ResidualOutput(int inputs, BertConfig config) : base("BertOutput")
        {
            dense = nn.Linear(inputs, config.HiddenSize);
            LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
            dropout = nn.Dropout(config.HiddenDropout);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x, Tensor residual)
        {
            using var scope = NewDisposeScope();
            return LayerNorm.forward(dropout.forward(dense.forward(x)).add(residual, Scalars.One)).MoveToOuterDisposeScope();
        }
    }
}
