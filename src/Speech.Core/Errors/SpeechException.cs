namespace Speech.Core.Errors;

/// <summary>A problem the user can fix (bad input, bad config, missing library). The CLI prints
/// its message as one line and exits with code 1; anything else is an internal error.</summary>
public class SpeechException : Exception
{
    public SpeechException(string message) : base(message) { }
    public SpeechException(string message, Exception inner) : base(message, inner) { }
}
