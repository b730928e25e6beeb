namespace Speech.Core.Text.Bert;

/// <summary>The <c>model:</c> section of a BERT recipe: the shape of a BERT trained from scratch
/// (the vocabulary size comes from the text). Futami et al. 2020: 6 layers, 512 wide, 8 heads; the
/// defaults are a CPU-sized 2-layer model (methods.md §3.5).</summary>
public sealed record BertModelOptions
{
    public int HiddenSize { get; init; } = 128;
    public int Layers { get; init; } = 2;
    public int Heads { get; init; } = 2;
    public int IntermediateSize { get; init; } = 512;
    /// <summary>Longest input in tokens, [CLS] and [SEP] included; longer sentences are cut.</summary>
    public int MaxPositions { get; init; } = 128;
    public double Dropout { get; init; } = 0.1;
    /// <summary>Most WordPiece entries when the vocabulary is built from the text (specials, characters, frequent words).</summary>
    public int MaxVocabulary { get; init; } = 8000;
    /// <summary>Least occurrences for a whole word to enter a built vocabulary.</summary>
    public int MinWordCount { get; init; } = 2;

    public BertConfig ToConfig(int vocabularySize) => new()
    {
        VocabSize = vocabularySize, HiddenSize = HiddenSize, Layers = Layers, Heads = Heads, IntermediateSize = IntermediateSize,
        MaxPositions = MaxPositions, HiddenDropout = Dropout, AttentionDropout = Dropout,
    };
}
