namespace Speech.Core.Errors;

/// <summary>Raised for a checkpoint that is missing, partial or does not match the model.</summary>
public sealed class CheckpointException : SpeechException
{
    public CheckpointException(string message) : base(message) { }
    public CheckpointException(string message, Exception inner) : base(message, inner) { }
}
