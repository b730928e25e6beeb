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
