namespace Speech.Core.Text;

/// <summary>Maps a transcript to the form WER is computed on (both reference and hypothesis go
/// through the same normaliser).</summary>
public interface ITextNormalizer
{
    string Normalize(string text);
}
