namespace Speech.Core.Text.Bert;

/// <summary>A WordPiece vocabulary for a BERT trained from scratch on a text: the five specials
/// ([PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, [MASK] 4), every character of the text as a word start and
/// as a <c>##</c> continuation (so any word of those characters is covered), then whole words by
/// falling frequency (ties in ordinal order) up to <c>maxSize</c> entries.</summary>
public static class BertVocabularyBuilder
{
    public static BertWordPiece Build(IEnumerable<string> texts, int maxSize = 8000, int minCount = 2)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (string word in BertWordPiece.Words(text))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var characters = counts.Keys.SelectMany(w => w).Distinct().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
        var tokens = new List<string> { BertWordPiece.Pad, BertWordPiece.Unknown, BertWordPiece.Classification, BertWordPiece.Separator, BertWordPiece.Mask };
        tokens.AddRange(characters);
        tokens.AddRange(characters.Select(c => "##" + c));
        var seen = tokens.ToHashSet(StringComparer.Ordinal);
        foreach (var (word, _) in counts.Where(p => p.Value >= minCount && p.Key.Length > 1)
                     .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (tokens.Count >= maxSize) break;
            if (seen.Add(word)) tokens.Add(word);
        }
        return BertWordPiece.FromTokens(tokens, "built vocabulary");
    }
}
