using Speech.Core.Nn;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Speech.Core.Text.Bert;

/// <summary><c>bert.embeddings</c>: word + learned position + token type (all segment 0 here),
/// then LayerNorm and dropout, with Hugging Face's parameter names.</summary>
internal sealed class BertEmbeddings : nn.Module
{
    readonly Embedding word_embeddings, position_embeddings, token_type_embeddings;
    readonly LayerNorm LayerNorm;
    readonly Dropout dropout;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        position_embeddings = nn.Embedding(config.MaxPositions, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropout);
        RegisterComponents();
    }

    /// <summary>The word embedding matrix <c>[V, H]</c>, which the MLM head's output layer shares.</summary>
    public Parameter WordWeight => word_embeddings.weight!;

    /// <summary>Ids <c>[B, T]</c> → <c>[B, T, H]</c>.</summary>
    public Tensor Forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var positions = Scalars.Arange(0, ids.shape[1], ids.device).unsqueeze(0); // [1, T]
        var types = zeros_like(ids);
        var x = word_embeddings.forward(ids).add(position_embeddings.forward(positions), Scalars.One)
            .add(token_type_embeddings.forward(types), Scalars.One);
        return dropout.forward(LayerNorm.forward(x)).MoveToOuterDisposeScope();
    }
}
