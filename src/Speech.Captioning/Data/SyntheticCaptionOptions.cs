namespace Speech.Captioning.Data;

/// <summary>Sizes of the synthetic captioned corpus (<see cref="SyntheticCaptionCorpus"/>).</summary>
public sealed record SyntheticCaptionOptions
{
    public int TrainClips { get; init; } = 800;
    public int TestClips { get; init; } = 200;
    /// <summary>Clips without captions (the audio-only set), drawn like the training clips.</summary>
    public int AudioOnlyClips { get; init; } = 800;
    public double ClipSeconds { get; init; } = 5.0;
    public int CaptionsPerClip { get; init; } = 5;
    public int Seed { get; init; } = 28;
}
