namespace Speech.Core.Data;

/// <summary>Reads an audio file's rate, channels and length, for importers and validation (the
/// data layer's one dependency on audio decoding). Throws <see cref="Errors.AudioFormatException"/>
/// for an unreadable file.</summary>
public interface IAudioInfoProbe
{
    AudioFileInfo Probe(string path);
}
