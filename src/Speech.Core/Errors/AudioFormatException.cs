namespace Speech.Core.Errors;

/// <summary>Raised for an audio file that cannot be decoded (names the file and what is wrong).</summary>
public sealed class AudioFormatException : SpeechException
{
    public AudioFormatException(string message) : base(message) { }
    public AudioFormatException(string message, Exception inner) : base(message, inner) { }
}
