namespace Speech.Core.Text;

/// <summary>Text ↔ token ids for a model's output vocabulary.</summary>
public interface ITokenizer
{
    int VocabularySize { get; }

    IReadOnlyList<int> Encode(string text);

    string Decode(IEnumerable<int> ids);
}
