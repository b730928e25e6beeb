using TorchSharp;
using Speech.Core.Data;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>MVQ-KD targets computed when a batch is built: the cut's audio through the frozen teacher
/// to its layer, then the quantizer's encoder, as <c>mvq encode --teacher</c> does ahead of time (the
/// same bytes). This is "running the teacher on the fly", the cost the cached index store saves; it
/// exists to measure that saving, and for corpora too large to cache. Owns the teacher and the quantizer.</summary>
public sealed class LiveCodebookIndexes : ICodebookIndexSource, IDisposable
{
    readonly MultiCodebookQuantizer quantizer;
    readonly IEmbeddingTeacher teacher;
    readonly int refinements;
    readonly object gate = new(); // batches are built on loader threads; one teacher pass at a time

    LiveCodebookIndexes(MultiCodebookQuantizer quantizer, IEmbeddingTeacher teacher, int refinements) =>
        (this.quantizer, this.teacher, this.refinements) = (quantizer, teacher, refinements);

    /// <summary>Loads the quantizer (a fused one, codebooks of 256) and the teacher folder at
    /// <paramref name="layer"/>; refuses a pair whose widths differ.</summary>
    public static LiveCodebookIndexes Open(string quantizerPath, string teacherFolder, int layer, Device device, int refinements = 5)
    {
        var quantizer = MultiCodebookQuantizer.Load(quantizerPath);
        IEmbeddingTeacher? teacher = null;
        try
        {
            if (quantizer.CodebookSize != 256)
                throw new ConfigException($"{quantizerPath}: codebooks of {quantizer.CodebookSize}; MVQ-KD targets are bytes (a trained, fused quantizer of 256)");
            quantizer.to(device);
            teacher = EmbeddingTeachers.Load(teacherFolder, layer, device);
            if (teacher.Dim != quantizer.Dim)
                throw new ConfigException($"{teacher.Description} gives {teacher.Dim}-dimensional embeddings, quantizer {quantizer.Id} ({quantizerPath}) expects {quantizer.Dim}");
            return new LiveCodebookIndexes(quantizer, teacher, refinements);
        }
        catch
        {
            teacher?.Dispose();
            quantizer.Dispose();
            throw;
        }
    }

    public int BytesPerFrame => quantizer.NumCodebooks;

    public string QuantizerId => quantizer.Id;

    public string Name => $"the teacher run on the fly ({teacher.Description})";

    public bool Contains(Cut cut) => true;

    public byte[]? TryRead(Cut cut, out int frames)
    {
        float[] samples = CutAudio.Read(cut, 16000);
        lock (gate)
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var device = quantizer.parameters().First().device;
            var indexes = quantizer.Encode(teacher.Embed(samples).to(device), refinements).cpu(); // [T, N] uint8
            frames = (int)indexes.shape[0];
            return indexes.data<byte>().ToArray();
        }
    }

    public void Dispose()
    {
        teacher.Dispose();
        quantizer.Dispose();
    }
}
