namespace Speech.Core.Errors;

/// <summary>Raised for a native library (libtorch, libsndfile, libsoxr) that is missing or does not load.</summary>
public sealed class NativeLibraryException : SpeechException
{
    public NativeLibraryException(string message) : base(message) { }
    public NativeLibraryException(string message, Exception inner) : base(message, inner) { }
}
