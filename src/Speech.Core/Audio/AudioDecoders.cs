using Speech.Core.Errors;

namespace Speech.Core.Audio;

/// <summary>The decoder table: a file's first bytes pick the decoder, never its extension.</summary>
public static class AudioDecoders
{
    const int HeaderBytes = 16;

    /// <summary>In the order they are asked: managed WAV first, so WAV-only users need no native library.</summary>
    public static IReadOnlyList<IAudioDecoder> All { get; } = [new WavDecoder(), new SndFileDecoder()];

    /// <summary>Opens a file with the decoder its magic bytes name. Throws
    /// <see cref="AudioFormatException"/> (naming the file) for missing, empty or unknown files.</summary>
    public static IAudioStream Open(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        int length;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            length = file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new AudioFormatException($"{path}: cannot open ({e.Message})", e);
        }
        if (length == 0) throw new AudioFormatException($"{path}: empty file");
        header = header[..length];
        foreach (var decoder in All)
            if (decoder.Recognises(header)) return decoder.Open(path);
        throw new AudioFormatException(
            $"{path}: not a recognised audio format (starts with {Convert.ToHexString(header[..Math.Min(length, 8)])}; " +
            "WAV, RF64, FLAC, Ogg, MP3 and AIFF are read)");
    }
}
