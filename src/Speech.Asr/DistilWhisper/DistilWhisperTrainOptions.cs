using Speech.Asr.Whisper.Training;
using Speech.Core.Training;

namespace Speech.Asr.DistilWhisper;

/// <summary>A Distil-Whisper training run (<see cref="DistilWhisperTraining"/>): the student from
/// init-student, the frozen teacher, the filtered pseudo-labelled manifest, and the KD weights.</summary>
public sealed record DistilWhisperTrainOptions(string StudentPath, string TeacherPath, string ManifestPath, string OutputDirectory)
{
    public long Steps { get; init; } = 1000;
    public double LearningRate { get; init; } = 1e-4;
    public long Warmup { get; init; } = 50;
    public double MaxDuration { get; init; } = 60;
    /// <summary>The loss weights and temperature (distil-whisper: 0.8 CE on pseudo-labels, 1.0 T²·KL, T = 2).</summary>
    public DistilWhisperOptions Loss { get; init; } = new();
    /// <summary>Share of cuts trained after the same speaker's previous label as a prompt (distil-whisper: 0.2).</summary>
    public double PreviousTextProbability { get; init; } = 0.2;
    /// <summary>The student's training precision, and the frozen teacher's.</summary>
    public Precision Precision { get; init; } = Precision.Fp32;
    public int Seed { get; init; } = 1234;
    public long CheckpointEvery { get; init; } = 100;

    /// <summary>Step checkpoints kept (older ones are deleted).</summary>
    public int KeepLast { get; init; } = 3;
    public WhisperDropout Dropout { get; init; } = new();
}
