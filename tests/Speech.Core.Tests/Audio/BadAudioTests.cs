using Speech.Core.Audio;
using Speech.Core.Errors;
using Speech.Testing;

namespace Speech.Core.Tests.Audio;

/// <summary>Files that are not valid audio fail with an AudioFormatException naming the file.</summary>
public sealed class BadAudioTests : IDisposable
{
    readonly TempDirectory folder = new("speech-bad-audio");

    public void Dispose() => folder.Dispose();

    static void AssertRejected(string path, string because)
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(because, error.Message);
        Assert.Throws<AudioFormatException>(() => AudioReader.ReadInfo(path + ""));
    }

    [Fact]
    public void Empty_file() =>
        AssertRejected(WriteBytes("empty.wav", []), "empty");

    [Fact]
    public void Text_file() =>
        AssertRejected(WriteBytes("notes.flac", "these are not samples\n"u8.ToArray()), "not a recognised audio format");

    [Fact]
    public void Missing_file() =>
        Assert.Contains("nothere.wav", Assert.Throws<AudioFormatException>(() => AudioReader.Read(folder.File("nothere.wav"))).Message);

    [Fact]
    public void Truncated_wav()
    {
        string path = ReferenceAudio.Synth(folder.File("cut.wav"), 16000, 1, 16);
        Truncate(path, 0.5);
        AssertRejected(path, "truncated");
    }

    [Fact]
    public void Truncated_flac_fails_when_read()
    {
        string path = ReferenceAudio.Synth(folder.File("cut.flac"), 16000, 1, 16, seconds: 2);
        Truncate(path, 0.5);
        var error = Assert.Throws<AudioFormatException>(() => AudioReader.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Wav_header_with_zero_channels()
    {
        string path = ReferenceAudio.Synth(folder.File("zero.wav"), 16000, 1, 16);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[22] = 0; bytes[23] = 0; // fmt chunk: channel count
        File.WriteAllBytes(path, bytes);
        Assert.Contains(path, Assert.Throws<AudioFormatException>(() => AudioReader.Read(path)).Message);
    }

    [Fact]
    public void Flac_magic_followed_by_garbage()
    {
        byte[] bytes = new byte[600];
        new Random(3).NextBytes(bytes);
        "fLaC"u8.CopyTo(bytes);
        string path = WriteBytes("garbage.flac", bytes);
        Assert.Contains(path, Assert.Throws<AudioFormatException>(() => AudioReader.Read(path)).Message);
    }

    [Fact]
    public void Riff_that_is_not_wave() =>
        AssertRejected(WriteBytes("video.wav", "RIFF\x10\0\0\0AVI LIST\0\0\0\0"u8.ToArray()), "not a recognised audio format");

    string WriteBytes(string name, byte[] bytes)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static void Truncate(string path, double keep)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength((long)(file.Length * keep));
    }
}
