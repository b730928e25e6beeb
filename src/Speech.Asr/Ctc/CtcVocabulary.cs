using Speech.Core.Text;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>CTC output units over a character tokenizer: 0 is the blank, character id <c>c</c> is
/// unit <c>c + 1</c> (so the tokenizer's <c>&lt;unk&gt;</c> is unit 1).</summary>
public sealed class CtcVocabulary(CharacterTokenizer characters)
{
    public const string FileName = "vocab.json";

    public CharacterTokenizer Characters => characters;

    /// <summary>Blank plus the characters.</summary>
    public int Size => characters.VocabularySize + 1;

    public IReadOnlyList<int> Encode(string text) => characters.Encode(text).Select(id => id + 1).ToList();

    /// <summary>Texts as CTC targets <c>[B, U]</c> (padded with the blank) and their unit counts <c>[B]</c>.</summary>
    public (Tensor Targets, Tensor Lengths) Targets(IReadOnlyList<string> texts, Device device)
    {
        var units = texts.Select(Encode).ToList();
        int longest = Math.Max(1, units.Max(u => u.Count));
        var padded = new long[texts.Count * longest];
        for (int b = 0; b < units.Count; b++)
            for (int u = 0; u < units[b].Count; u++) padded[b * longest + u] = units[b][u];
        return (tensor(padded, new long[] { texts.Count, longest }, device: device), tensor(units.Select(u => (long)u.Count).ToArray(), device: device));
    }

    public string Decode(IEnumerable<int> units) => characters.Decode(units.Where(u => u != CtcDecoding.Blank).Select(u => u - 1));

    public void Save(string folder, string fileName = FileName) => characters.Save(Path.Combine(folder, fileName));

    public static CtcVocabulary Load(string folder, string fileName = FileName) => new(CharacterTokenizer.Load(Path.Combine(folder, fileName)));
}
