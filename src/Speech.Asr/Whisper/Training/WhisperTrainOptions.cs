using Speech.Core.Errors;
using Speech.Core.Training;

namespace Speech.Asr.Whisper.Training;

/// <summary>A supervised Whisper training run (<see cref="WhisperSupervisedTraining"/>): where from,
/// how long, which losses and which regularisers. The names of the errors are the `whisper train` flags.</summary>
public sealed record WhisperTrainOptions(string ManifestPath, string OutputDirectory)
{
    /// <summary>Architecture of a new model: a named size or a config.json (ignored with <see cref="Init"/>).</summary>
    public string Size { get; init; } = "mini";
    /// <summary>Start from this model folder (or a training checkpoint, which also brings a CTC head).</summary>
    public string? Init { get; init; }
    public long Steps { get; init; } = 2000;
    public double LearningRate { get; init; } = 1e-3;
    public long Warmup { get; init; } = 200;
    public double MaxDuration { get; init; } = 60;
    public Precision Precision { get; init; } = Precision.Fp32;
    public int Seed { get; init; } = 1234;
    /// <summary>Weight of the auxiliary CTC loss on the encoder (0: off).</summary>
    public double CtcWeight { get; init; }
    /// <summary>Weight of the decoder's cross-entropy (0 with a CTC weight: the encoder alone trains).</summary>
    public double CeWeight { get; init; } = 1;
    public bool SpecAugment { get; init; }
    public double LabelSmoothing { get; init; }
    public double DecoderInputNoise { get; init; }
    /// <summary>Seconds between packed cuts of one speaker; null: no packing.</summary>
    public double? PackGapSeconds { get; init; }
    public bool PackSingles { get; init; }
    /// <summary>Train the decoder (and a CTC head) on a fixed encoder, e.g. one a CTC pre-training run taught.</summary>
    public bool FreezeEncoder { get; init; }
    /// <summary>The training softmax over the tokens the transcripts use (<see cref="VocabularyShortlist"/>).</summary>
    public bool VocabularyShortlist { get; init; }
    public long CheckpointEvery { get; init; } = 200;
    public int KeepLast { get; init; } = 3;
    public WhisperDropout Dropout { get; init; } = new();

    /// <summary>A one-line <see cref="ConfigException"/> for weights or switches that cannot train together.</summary>
    public void Validate()
    {
        if (CeWeight < 0 || CtcWeight < 0) throw new ConfigException("--ce-weight and --ctc-weight cannot be negative");
        if (DecoderInputNoise is < 0 or >= 1) throw new ConfigException($"--decoder-input-noise {DecoderInputNoise}: a share in [0, 1)");
        if (CeWeight == 0 && CtcWeight == 0) throw new ConfigException("--ce-weight 0 needs --ctc-weight > 0: nothing would be trained");
        if (CtcWeight == 0 && CeWeight != 1) throw new ConfigException("--ce-weight weighs the cross-entropy against the CTC loss: give --ctc-weight too");
        if (FreezeEncoder && CeWeight == 0) throw new ConfigException("--freeze-encoder with --ce-weight 0 leaves only the CTC head to train: give --ce-weight > 0");
        if (PackSingles && PackGapSeconds is null) throw new ConfigException("--pack-singles adds single cuts to the packs: give --pack too");
    }
}
