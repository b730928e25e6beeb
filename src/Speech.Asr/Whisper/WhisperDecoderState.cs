using Speech.Core.Nn;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper;

/// <summary>Per-layer key/value caches of one decoding run: self-attention (grows a step at a
/// time, croppable) and cross-attention (the encoder's, computed on the first step).</summary>
public sealed class WhisperDecoderState : IDisposable
{
    public WhisperDecoderState(int layers)
    {
        Self = Enumerable.Range(0, layers).Select(_ => new KeyValueCache()).ToArray();
        Cross = Enumerable.Range(0, layers).Select(_ => new KeyValueCache()).ToArray();
    }

    public KeyValueCache[] Self { get; }
    public KeyValueCache[] Cross { get; }

    /// <summary>Tokens already decoded (the position of the next one).</summary>
    public long Length => Self[0].Length;

    /// <summary>Forgets every token after the first <paramref name="length"/>; the encoder's
    /// keys/values stay.</summary>
    public void Crop(long length)
    {
        foreach (var cache in Self) cache.Crop(length);
    }

    /// <summary>Keeps (and reorders to) the batch rows in <paramref name="rows"/>.</summary>
    public void SelectRows(Tensor rows)
    {
        foreach (var cache in Self.Concat(Cross)) cache.SelectRows(rows);
    }

    public void Dispose()
    {
        foreach (var cache in Self.Concat(Cross)) cache.Dispose();
    }
}
