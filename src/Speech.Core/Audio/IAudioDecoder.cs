namespace Speech.Core.Audio;

/// <summary>Opens the audio files whose first bytes it recognises.</summary>
public interface IAudioDecoder
{
    /// <summary>Short name for messages ("NAudio WAV", "libsndfile").</summary>
    string Name { get; }

    /// <summary>True when the file's first bytes (up to 16) belong to a format this decoder reads.</summary>
    bool Recognises(ReadOnlySpan<byte> header);

    /// <summary>Opens the file; throws <see cref="Errors.AudioFormatException"/> naming it when it cannot.</summary>
    IAudioStream Open(string path);
}
