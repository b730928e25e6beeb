namespace Speech.Core.Audio;

/// <summary>An open audio file: interleaved float frames from a seekable position. Samples are
/// scaled to [-1, 1) the way the file's bit depth defines full scale (int16 / 32768 ...).</summary>
public interface IAudioStream : IDisposable
{
    AudioInfo Info { get; }

    /// <summary>Moves to a frame (0 = start) without decoding what lies before it.</summary>
    void Seek(long frame);

    /// <summary>Reads up to <c>destination.Length / Channels</c> frames, interleaved; returns the
    /// frames read, 0 at the end.</summary>
    int ReadFrames(Span<float> destination);
}
