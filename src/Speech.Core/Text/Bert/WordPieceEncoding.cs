namespace Speech.Core.Text.Bert;

/// <summary>A text as BERT WordPiece ids (no <c>[CLS]</c>/<c>[SEP]</c>) and how many of its words the
/// vocabulary could not cover: each became one <c>[UNK]</c>, counted here so a report can say so.</summary>
public sealed record WordPieceEncoding(IReadOnlyList<int> Ids, int UnknownWords);
