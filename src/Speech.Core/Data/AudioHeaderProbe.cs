using System.Buffers.Binary;
using System.Text;
using Speech.Core.Errors;

namespace Speech.Core.Data;

/// <summary>Reads FLAC (STREAMINFO) and RIFF/WAVE (fmt + data chunks) headers: exact frame
/// counts without decoding. Other formats are refused with a clear message.</summary>
public sealed class AudioHeaderProbe : IAudioInfoProbe
{
    public AudioFileInfo Probe(string path)
    {
        if (!File.Exists(path)) throw new AudioFormatException($"{path}: audio file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        if (stream.Length < 12) throw new AudioFormatException($"{path}: too short to be audio ({stream.Length} bytes)");
        string magic = Encoding.ASCII.GetString(reader.ReadBytes(4));
        return magic switch
        {
            "fLaC" => ReadFlac(path, reader),
            "RIFF" => ReadWave(path, reader),
            _ => throw new AudioFormatException($"{path}: not FLAC or WAV (starts with {Convert.ToHexString(Encoding.ASCII.GetBytes(magic))})"),
        };
    }

    static AudioFileInfo ReadFlac(string path, BinaryReader reader)
    {
        byte blockHeader = reader.ReadByte();
        if ((blockHeader & 0x7F) != 0) throw new AudioFormatException($"{path}: FLAC without STREAMINFO first");
        byte[] length = reader.ReadBytes(3);
        byte[] info = reader.ReadBytes(34);
        if (info.Length < 34 || (length[0] << 16 | length[1] << 8 | length[2]) < 34) throw new AudioFormatException($"{path}: truncated FLAC STREAMINFO");
        // Bytes 10..17: sample rate (20 bits), channels - 1 (3), bits per sample - 1 (5), total samples (36).
        ulong packed = BinaryPrimitives.ReadUInt64BigEndian(info.AsSpan(10, 8));
        int sampleRate = (int)(packed >> 44);
        int channels = (int)((packed >> 41) & 0x7) + 1;
        long frames = (long)(packed & 0xF_FFFF_FFFFUL);
        if (sampleRate == 0) throw new AudioFormatException($"{path}: FLAC sample rate 0");
        return new AudioFileInfo(sampleRate, channels, frames);
    }

    static AudioFileInfo ReadWave(string path, BinaryReader reader)
    {
        reader.ReadUInt32();
        if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != "WAVE") throw new AudioFormatException($"{path}: RIFF but not WAVE");
        int sampleRate = 0, channels = 0, blockAlign = 0;
        var stream = reader.BaseStream;
        while (stream.Position + 8 <= stream.Length)
        {
            string id = Encoding.ASCII.GetString(reader.ReadBytes(4));
            long size = reader.ReadUInt32();
            if (id == "fmt ")
            {
                reader.ReadUInt16();
                channels = reader.ReadUInt16();
                sampleRate = (int)reader.ReadUInt32();
                reader.ReadUInt32();
                blockAlign = reader.ReadUInt16();
                stream.Position += size - 14 + (size & 1);
            }
            else if (id == "data")
            {
                if (blockAlign == 0 || sampleRate == 0) throw new AudioFormatException($"{path}: WAV data before its fmt chunk");
                long available = stream.Length - stream.Position; // streamed files leave size 0 or 0xFFFFFFFF
                long bytes = size == 0 || size == uint.MaxValue ? available : Math.Min(size, available);
                return new AudioFileInfo(sampleRate, channels, bytes / blockAlign);
            }
            else stream.Position += size + (size & 1);
        }
        throw new AudioFormatException($"{path}: WAV without a data chunk");
    }
}
