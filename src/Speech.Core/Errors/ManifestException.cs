namespace Speech.Core.Errors;

/// <summary>Raised for a manifest line that is malformed or inconsistent (names the file and line).</summary>
public sealed class ManifestException : SpeechException
{
    public ManifestException(string message) : base(message) { }
    public ManifestException(string message, Exception inner) : base(message, inner) { }
}
