namespace Speech.Core.Features;

/// <summary>SpecAugment (Park et al., 2019) settings; defaults are the paper's LibriSpeech Basic
/// policy (F = 27, two frequency masks, T = 100, two time masks, p = 1.0), time warp off.</summary>
public sealed record SpecAugmentOptions
{
    /// <summary>Frequency masks per utterance (paper: 2).</summary>
    public int FrequencyMasks { get; init; } = 2;
    /// <summary>F: the widest frequency mask, bins (paper: 27).</summary>
    public int MaxFrequencyWidth { get; init; } = 27;
    /// <summary>Time masks per utterance (paper: 2).</summary>
    public int TimeMasks { get; init; } = 2;
    /// <summary>T: the widest time mask, frames (paper: 100).</summary>
    public int MaxTimeWidth { get; init; } = 100;
    /// <summary>p: a time mask covers at most this share of the utterance (paper: 1.0).</summary>
    public double MaxTimeProportion { get; init; } = 1.0;
    /// <summary>Time warp moves frames, so it is off by default: MVQ targets are frame-aligned.</summary>
    public bool TimeWarp { get; init; }
    /// <summary>W: the farthest a warp moves its centre, frames (paper: 80).</summary>
    public int TimeWarpWindow { get; init; } = 80;
    /// <summary>What masked cells become (0: the mean of normalised features).</summary>
    public float MaskValue { get; init; }
}
