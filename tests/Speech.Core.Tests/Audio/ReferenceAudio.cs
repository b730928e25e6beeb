using System.Buffers.Binary;
using System.Globalization;
using Speech.Testing;

namespace Speech.Core.Tests.Audio;

/// <summary>Test audio made by sox, and the reference samples sox and flac decode from it: the
/// independent source the decoders are compared with.</summary>
internal static class ReferenceAudio
{
    /// <summary>A different signal per channel, so channel order and mixing are visible.</summary>
    static readonly string[] ChannelSignals = ["sine 300", "sine 700", "whitenoise", "square 200", "sine 1500", "pinknoise"];

    /// <summary>Synthesises <paramref name="path"/> (format from its extension) with sox.</summary>
    public static string Synth(string path, int rate, int channels, int bits, string encoding = "signed-integer", double seconds = 0.5)
    {
        var arguments = new List<string> { "-R", "-n", "-r", rate.ToString(), "-c", channels.ToString(), "-b", bits.ToString(), "-e", encoding, path,
            "synth", seconds.ToString(CultureInfo.InvariantCulture) };
        for (int c = 0; c < channels; c++) arguments.AddRange(ChannelSignals[c % ChannelSignals.Length].Split(' '));
        arguments.AddRange(["vol", "0.9"]);
        ExternalTool.Run("sox", [.. arguments]);
        return path;
    }

    /// <summary>sox's decode of a file as interleaved signed 32-bit integers (samples left-justified,
    /// so value / 2^31 is full scale for every depth). Extra sox effects (trim) may follow.</summary>
    public static int[] SoxInt32(string path, params string[] effects)
    {
        string raw = path + $".{Guid.NewGuid():N}.s32";
        ExternalTool.Run("sox", ["-R", path, "-t", "s32", "-L", raw, .. effects]);
        byte[] bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        var samples = new int[bytes.Length / 4];
        for (int i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i));
        return samples;
    }

    /// <summary>flac's own decode as interleaved integers at the file's depth.</summary>
    public static int[] FlacIntegers(string path, int bits)
    {
        string raw = path + ".raw";
        ExternalTool.Run("flac", ["-d", "-s", "-f", "--force-raw-format", "--endian=little", "--sign=signed", "-o", raw, path]);
        byte[] bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        int width = bits / 8;
        var samples = new int[bytes.Length / width];
        for (int i = 0; i < samples.Length; i++)
        {
            int value = 0;
            for (int b = 0; b < width; b++) value |= bytes[i * width + b] << (8 * b);
            int shift = 32 - bits;
            samples[i] = value << shift >> shift; // sign-extend
        }
        return samples;
    }
}
