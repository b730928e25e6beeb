namespace Speech.Core.Features;

/// <summary>Where extracted features go.</summary>
public enum FeatureFormat
{
    /// <summary>A sharded feature store (float16 by default), read back with <see cref="FeatureStore"/>.</summary>
    Store,
    /// <summary>One NumPy .npy file per cut (float32, <c>[frames, dim]</c>), for Python tools.</summary>
    Npy,
}
