using Speech.Core.Data;

namespace Speech.Asr.Mvq;

/// <summary>Where a student's MVQ-KD targets come from: an index store written ahead of training
/// (<see cref="CodebookIndexStore"/>) or the teacher and quantizer run inside each training step
/// (<see cref="LiveCodebookIndexes"/>), the costlier way the cached store exists to avoid.</summary>
public interface ICodebookIndexSource
{
    /// <summary>Codebooks, one byte each per teacher frame.</summary>
    int BytesPerFrame { get; }

    /// <summary>The quantizer the indexes come from.</summary>
    string QuantizerId { get; }

    /// <summary>What to name in a message about a missing cut.</summary>
    string Name { get; }

    bool Contains(Cut cut);

    /// <summary>A cut's indexes <c>[frames, bytes per frame]</c> row-major, or null when there are none for it.</summary>
    byte[]? TryRead(Cut cut, out int frames);
}
