using Speech.Core.Training;

namespace Speech.Asr.Mvq;

/// <summary>What <see cref="MvqTrainingRun.Train"/> did: the trainer's result, the KD kind and
/// layer, cuts trained on and those without teacher targets (reported, their KD term skipped).</summary>
public sealed record MvqTrainingResult(TrainingResult Training, string Kind, int Layer, int Cuts, int MissingTargets, string ModelFolder);
