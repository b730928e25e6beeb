using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>Decodes a file's whole stream, a chunk at a time, and checks that it holds the frames
/// its header promises: a header read alone says nothing of a file cut short by a failed copy.</summary>
public static class AudioVerifier
{
    const int ChunkFrames = 1 << 16;

    /// <summary>The file's header facts once every frame has decoded. Throws
    /// <see cref="AudioFormatException"/> (naming the file) when the decoder fails or the stream
    /// ends before the header's frame count (a file whose count is an estimate, MP3, is decoded
    /// to its end and reports what it holds).</summary>
    public static AudioInfo Verify(string path)
    {
        using var stream = AudioDecoders.Open(path);
        var info = stream.Info;
        var buffer = new float[ChunkFrames * Math.Max(1, info.Channels)];
        long decoded = 0;
        // A decoder that notices the damage throws its own AudioFormatException (naming the file);
        // the count below catches one that just stops early.
        while (stream.ReadFrames(buffer) is int read and > 0) decoded += read;
        if (info.FramesEstimated) return info with { Frames = decoded, FramesEstimated = false };
        if (decoded < info.Frames)
            throw new AudioFormatException($"{path}: truncated: the header says {info.Frames} frames ({info.Duration:F3} s), " +
                                           $"the stream holds {decoded} ({(double)decoded / info.SampleRate:F3} s)");
        return info;
    }
}
