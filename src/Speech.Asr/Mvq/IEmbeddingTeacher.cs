using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>A frozen encoder whose layer output MVQ-KD compresses: one cut's 16 kHz samples in, the
/// chosen layer's frames out.</summary>
public interface IEmbeddingTeacher : IDisposable
{
    /// <summary>What it is, for store headers: folder name, kind and layer.</summary>
    string Description { get; }

    /// <summary>Width of the embeddings.</summary>
    int Dim { get; }

    /// <summary>Seconds between successive embedding frames.</summary>
    double FrameShift { get; }

    /// <summary>The layer's output for one cut, <c>[T, D]</c> float32 on the CPU (T covers the audio).</summary>
    Tensor Embed(float[] samples);
}
