namespace Speech.Asr.Mvq;

/// <summary>How a quantizer is trained (the reference trainer's defaults).</summary>
public sealed record QuantizerTrainingOptions
{
    /// <summary>Bytes per frame = codebooks of 256 after fusion (icefall: 8; phase 1 trains twice as
    /// many codebooks of 16).</summary>
    public int BytesPerFrame { get; init; } = 8;

    /// <summary>Steps with 2N codebooks of 16 (reference: 10,000; dim 512 profits from 20,000).</summary>
    public int PhaseOneSteps { get; init; } = 10_000;

    /// <summary>Steps with N codebooks of 256 after fusion (reference: 10,000).</summary>
    public int PhaseTwoSteps { get; init; } = 10_000;

    /// <summary>Initial learning rate (reference: 0.005), halved for phase 2, then halved every quarter phase.</summary>
    public double LearningRate { get; init; } = 0.005;

    /// <summary>Frames per step (the reference was tuned with about 600; icefall uses 512).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Seeds the initial weights, the minibatches and the 1-or-2 refinement choice (not the id).</summary>
    public int Seed { get; init; } = 1;
}
