using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Speech.Core.Text;

/// <summary>A trained byte-level BPE: tokens in id order (the 256 byte symbols, one token per
/// merge, then special tokens) and the merges in rank order. Saved in the Hugging Face form that
/// GPT-2/Whisper folders use: <c>vocab.json</c> (token → id) and <c>merges.txt</c>.</summary>
public sealed record BpeVocabulary(IReadOnlyList<string> Tokens, IReadOnlyList<(string Left, string Right)> Merges, IReadOnlyList<string> SpecialTokens)
{
    public const string VocabularyFile = "vocab.json";
    public const string MergesFile = "merges.txt";

    /// <summary>A tiktoken-style rank list (token bytes by id; ranks are merge order) in the Hugging
    /// Face form. Each multi-byte token's merge is found as HF's tiktoken converter does: byte-pair
    /// encode its bytes with the lower-ranked tokens only; the two parts that remain are the merge.</summary>
    public static BpeVocabulary FromRanks(IReadOnlyList<byte[]> ranks, IReadOnlyList<string> specialTokens)
    {
        var rankOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<string>(ranks.Count + specialTokens.Count);
        foreach (var bytes in ranks)
        {
            string token = GptByteAlphabet.Encode(bytes);
            rankOf[token] = tokens.Count;
            tokens.Add(token);
        }
        var merges = new List<(string, string)>();
        for (int rank = 0; rank < ranks.Count; rank++)
        {
            if (ranks[rank].Length < 2) continue;
            var parts = ranks[rank].Select(b => GptByteAlphabet.Encode(new[] { b })).ToList();
            while (parts.Count > 2)
            {
                int best = -1, bestRank = int.MaxValue;
                for (int i = 0; i + 1 < parts.Count; i++)
                    if (rankOf.TryGetValue(parts[i] + parts[i + 1], out int r) && r < rank && r < bestRank) (best, bestRank) = (i, r);
                if (best < 0) break;
                parts[best] += parts[best + 1];
                parts.RemoveAt(best + 1);
            }
            if (parts.Count != 2) throw new ArgumentException($"token {rank} ('{tokens[rank]}') is not the merge of two lower-ranked tokens");
            merges.Add((parts[0], parts[1]));
        }
        tokens.AddRange(specialTokens);
        return new BpeVocabulary(tokens, merges, specialTokens);
    }

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var vocabulary = Tokens.Select((token, id) => KeyValuePair.Create(token, id)).ToDictionary();
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(directory, VocabularyFile), JsonSerializer.Serialize(vocabulary, options), new UTF8Encoding(false));
        var merges = new StringBuilder("#version: 0.2\n");
        foreach (var (left, right) in Merges) merges.Append(left).Append(' ').Append(right).Append('\n');
        File.WriteAllText(Path.Combine(directory, MergesFile), merges.ToString(), new UTF8Encoding(false));
    }
}
