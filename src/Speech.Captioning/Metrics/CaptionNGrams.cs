namespace Speech.Captioning.Metrics;

/// <summary>Token splitting and n-gram counting shared by BLEU and CIDEr-D. An n-gram is keyed by its
/// tokens joined with a separator that cannot occur inside a token (tokens are split on white
/// space), so different orders never collide.</summary>
internal static class CaptionNGrams
{
    public const int MaxOrder = 4;

    public static string[] Tokens(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Counts of every n-gram of order 1..<paramref name="maxOrder"/>; index = order − 1.</summary>
    public static Dictionary<string, int>[] Count(IReadOnlyList<string> tokens, int maxOrder = MaxOrder)
    {
        var counts = new Dictionary<string, int>[maxOrder];
        for (int k = 1; k <= maxOrder; k++)
        {
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i + k <= tokens.Count; i++)
            {
                string key = string.Join(' ', tokens.Skip(i).Take(k));
                table[key] = table.GetValueOrDefault(key) + 1;
            }
            counts[k - 1] = table;
        }
        return counts;
    }
}
