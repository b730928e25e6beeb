namespace Speech.Core.Errors;

/// <summary>Raised for a recipe or option value that is invalid (names the file/key and the valid choices).</summary>
public sealed class ConfigException : SpeechException
{
    public ConfigException(string message) : base(message) { }
    public ConfigException(string message, Exception inner) : base(message, inner) { }
}
