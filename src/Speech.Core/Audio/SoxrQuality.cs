namespace Speech.Core.Audio;

/// <summary>soxr's standard recipes (soxr.h SOXR_QQ ... SOXR_VHQ), the same as sox's `rate -q ... -v`.</summary>
public enum SoxrQuality
{
    Quick = 0,
    Low = 1,
    Medium = 2,
    /// <summary>20-bit precision: librosa's default (res_type "soxr_hq").</summary>
    High = 4,
    /// <summary>28-bit precision: sox `rate -v`.</summary>
    VeryHigh = 6,
}
