namespace Speech.Core.Text;

/// <summary>A token n-gram language model with Witten–Bell interpolation (each order's estimate
/// mixed with the next lower one, weighted by how many distinct tokens followed the history),
/// down to a uniform distribution over the vocabulary, so every token has a non-zero probability.
/// Sentences are padded with start symbols and end with <see cref="End"/>. Built from token id
/// sequences (a CTC model's characters, say) for shallow fusion in beam search.</summary>
public sealed class NgramLanguageModel
{
    /// <summary>The end-of-sentence token: one past the vocabulary's ids (the start symbol, two past, is never predicted).</summary>
    public int End { get; }
    int Start => End + 1;
    public int Order { get; }

    // history (the previous order-1 tokens or fewer, as a key) → next token → count
    readonly Dictionary<string, Dictionary<int, int>> counts = new(StringComparer.Ordinal);
    // history → how many tokens followed it in all (beam search asks for these at every extension)
    readonly Dictionary<string, int> totals = new(StringComparer.Ordinal);
    readonly int vocabulary; // ordinary tokens 0..vocabulary-1, plus End

    public NgramLanguageModel(IEnumerable<IReadOnlyList<int>> sentences, int vocabularySize, int order)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), "order must be at least 1");
        Order = order;
        vocabulary = vocabularySize;
        End = vocabularySize;
        foreach (var sentence in sentences)
        {
            var tokens = Enumerable.Repeat(Start, order - 1).Concat(sentence).Append(End).ToList();
            for (int i = order - 1; i < tokens.Count; i++)
                for (int n = 0; n < order; n++) // history lengths 0..order-1
                {
                    string key = Key(tokens, i - n, n);
                    if (!counts.TryGetValue(key, out var next)) counts[key] = next = new Dictionary<int, int>();
                    next[tokens[i]] = next.GetValueOrDefault(tokens[i]) + 1;
                    totals[key] = totals.GetValueOrDefault(key) + 1;
                }
        }
    }

    /// <summary>log P(<paramref name="token"/> | the sentence so far, <paramref name="history"/>; only
    /// its last order−1 tokens count, start symbols before it).</summary>
    public double LogProbability(IReadOnlyList<int> history, int token)
    {
        if (history.Count < Order - 1) history = Enumerable.Repeat(Start, Order - 1 - history.Count).Concat(history).ToList();
        double p = 1.0 / (vocabulary + 1); // uniform floor over the tokens and End
        int longest = Order - 1;
        for (int n = 0; n <= longest; n++)
        {
            string key = Key(history, history.Count - n, n);
            if (!counts.TryGetValue(key, out var next)) break; // a longer history was never seen either
            double total = totals[key], distinct = next.Count;
            p = (next.GetValueOrDefault(token) + distinct * p) / (total + distinct);
        }
        return Math.Log(p);
    }

    static string Key(IReadOnlyList<int> tokens, int start, int length)
    {
        var parts = new int[length];
        for (int i = 0; i < length; i++) parts[i] = tokens[start + i];
        return string.Join(',', parts);
    }
}
