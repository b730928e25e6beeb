using System.Text;
using Speech.Core.Errors;
using Speech.Core.IO;

namespace Speech.Asr.Whisper.Ggml;

/// <summary>A whisper.cpp model file (the "ggml" format Whisper.net loads): magic, hyper-parameters,
/// mel filterbank, vocabulary (token bytes), then tensor records to the end of the file.</summary>
public sealed record GgmlWhisperFile(
    GgmlHyperParameters HyperParameters,
    int MelBins, int FftBins, float[] MelFilters,
    byte[][] Vocabulary,
    IReadOnlyList<GgmlTensor> Tensors)
{
    public const uint Magic = 0x67676d6c; // "ggml"

    public void Write(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            foreach (int value in HyperParameters.ToArray()) writer.Write(value);
            writer.Write(MelBins);
            writer.Write(FftBins);
            foreach (float value in MelFilters) writer.Write(value);
            writer.Write(Vocabulary.Length);
            foreach (byte[] token in Vocabulary) { writer.Write(token.Length); writer.Write(token); }
            foreach (var tensor in Tensors)
            {
                byte[] name = Encoding.UTF8.GetBytes(tensor.Name);
                writer.Write(tensor.Ne.Length);
                writer.Write(name.Length);
                writer.Write(tensor.Type);
                foreach (int n in tensor.Ne) writer.Write(n);
                writer.Write(name);
                writer.Write(tensor.Data);
            }
        });
    }

    /// <summary>Reads a file; anything malformed is a <see cref="CheckpointException"/> naming the
    /// file and what is wrong (never a crash). Without <paramref name="loadData"/> tensor data is
    /// skipped (left empty): enough to check a file before handing it to whisper.cpp.</summary>
    public static GgmlWhisperFile Read(string path, bool loadData = true)
    {
        if (!File.Exists(path)) throw new CheckpointException($"{path}: ggml model file not found");
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadUInt32() != Magic) throw new CheckpointException($"{path}: not a ggml Whisper model (bad magic)");
            var hyper = GgmlHyperParameters.FromArray(Enumerable.Range(0, 11).Select(_ => reader.ReadInt32()).ToArray());
            int melBins = reader.ReadInt32(), fftBins = reader.ReadInt32();
            Check(path, melBins is > 0 and <= 512 && fftBins is > 0 and <= 4096, $"implausible mel filter size {melBins}x{fftBins}");
            var filters = new float[melBins * fftBins];
            for (int i = 0; i < filters.Length; i++) filters[i] = reader.ReadSingle();
            int words = reader.ReadInt32();
            Check(path, words >= 0 && words <= hyper.NVocab, $"vocabulary of {words} words for n_vocab {hyper.NVocab}");
            var vocabulary = new byte[words][];
            for (int i = 0; i < words; i++)
            {
                int length = reader.ReadInt32();
                Check(path, length is >= 0 and < 1024, $"token {i} has length {length}");
                vocabulary[i] = reader.ReadBytes(length);
            }
            var tensors = new List<GgmlTensor>();
            while (stream.Position < stream.Length)
            {
                int dims = reader.ReadInt32(), nameLength = reader.ReadInt32(), type = reader.ReadInt32();
                Check(path, dims is >= 1 and <= 4 && nameLength is > 0 and < 256, $"bad tensor header at byte {stream.Position - 12}");
                int[] ne = Enumerable.Range(0, dims).Select(_ => reader.ReadInt32()).ToArray();
                string name = Encoding.UTF8.GetString(reader.ReadBytes(nameLength));
                Check(path, type is GgmlTensor.F32 or GgmlTensor.F16, $"tensor '{name}' has type {type}; only f32 (0) and f16 (1) are supported");
                long bytes = ne.Aggregate(1L, (a, b) => a * b) * GgmlTensor.BytesPerElement(type);
                Check(path, ne.All(n => n > 0) && bytes <= stream.Length - stream.Position, $"tensor '{name}' is truncated or has bad dimensions");
                if (loadData) tensors.Add(new GgmlTensor(name, type, ne, reader.ReadBytes((int)bytes)));
                else { stream.Seek(bytes, SeekOrigin.Current); tensors.Add(new GgmlTensor(name, type, ne, Array.Empty<byte>())); }
            }
            return new GgmlWhisperFile(hyper, melBins, fftBins, filters, vocabulary, tensors);
        }
        catch (EndOfStreamException)
        {
            throw new CheckpointException($"{path}: the ggml file ends early (truncated)");
        }
    }

    static void Check(string path, bool condition, string problem)
    {
        if (!condition) throw new CheckpointException($"{path}: {problem}");
    }
}
