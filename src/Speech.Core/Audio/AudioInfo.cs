namespace Speech.Core.Audio;

/// <summary>What an audio file holds, read from its header (no samples decoded).</summary>
/// <param name="Path">The file.</param>
/// <param name="Container">wav, rf64, flac, ogg, mp3 ...</param>
/// <param name="Codec">pcm_s16, pcm_s24, float32, flac, vorbis, opus, mp3 ...</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="Channels">Samples per frame.</param>
/// <param name="Frames">Frames in the file (for MP3 libsndfile's estimate).</param>
/// <param name="BitsPerSample">Bits of an integer or float sample where the format has them; null for lossy codecs.</param>
/// <param name="FramesEstimated">True when <paramref name="Frames"/> is a guess (MP3, live streams): readers go on to the real end.</param>
public sealed record AudioInfo(string Path, string Container, string Codec, int SampleRate, int Channels, long Frames, int? BitsPerSample,
                               bool FramesEstimated = false)
{
    /// <summary>Length in seconds.</summary>
    public double Duration => SampleRate > 0 ? (double)Frames / SampleRate : 0;
}
