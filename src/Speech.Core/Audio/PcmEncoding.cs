namespace Speech.Core.Audio;

/// <summary>How one sample is stored in a WAV data chunk.</summary>
public enum PcmEncoding
{
    UnsignedInt8,
    SignedInt16,
    SignedInt24,
    SignedInt32,
    Float32,
    Float64,
}
