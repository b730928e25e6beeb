using Speech.Asr.Whisper;
using Speech.Asr.Whisper.Loading;
using Speech.Asr.Whisper.Training;
using Speech.Core.Training;
using static TorchSharp.torch;

namespace Speech.Asr.DistilWhisper;

/// <summary>KD of the student on the filtered pseudo-labels with the teacher frozen on the same device
/// (in the training precision: it needs no float32 master weights), as a <see cref="WhisperTrainingRun"/>
/// that owns both models.</summary>
public static class DistilWhisperTraining
{
    public static WhisperTrainingRun Prepare(DistilWhisperTrainOptions o, Device device, IProgress<string>? notes = null)
    {
        var student = WhisperLoader.Load(o.StudentPath, device);
        var owned = new List<IDisposable> { student };
        try
        {
            var teacher = WhisperLoader.Load(o.TeacherPath, device, o.Precision);
            owned.Add(teacher);
            o.Dropout.Apply(student.Model);
            if (o.Loss.ShareEncoder) StudentInitializer.FreezeEncoder(student.Model);
            var objective = new DistilWhisperObjective(student.Model, teacher.Model, o.Loss);
            var options = new TrainerOptions
            {
                OutputDirectory = o.OutputDirectory, MaxSteps = o.Steps, LearningRate = o.LearningRate, WarmupSteps = o.Warmup, Seed = o.Seed,
                CheckpointEvery = o.CheckpointEvery, KeepLast = o.KeepLast, Precision = o.Precision,
            };
            var data = new WhisperTrainingData(o.ManifestPath, o.MaxDuration)
            {
                TextOf = PseudoLabelMerge.LabelOf,
                PreviousOf = cuts =>
                {
                    var prompts = new PreviousTextPrompts(cuts, PseudoLabelMerge.LabelOf, o.PreviousTextProbability, o.Seed);
                    notes?.Report($"{prompts.Count} of {cuts.Count} cuts train after a previous-text prompt");
                    return prompts.Of;
                },
            };
            // The student learns the labels in its own vocabulary (checked against its model).
            return WhisperTrainingRun.Prepare(student.Model, student.Tokenizer, objective, data, options, device, notes: notes).Owning(owned);
        }
        catch
        {
            foreach (var resource in owned) resource.Dispose();
            throw;
        }
    }

    /// <summary>Copies the student folder's CTC head (the teacher's) beside the trained model when the
    /// encoder stayed frozen, so the head still reads it; false when there is none to keep.</summary>
    public static bool KeepCtcHead(DistilWhisperTrainOptions o, string modelFolder) =>
        o.Loss.ShareEncoder && WhisperCtcHead.CopyFiles(o.StudentPath, modelFolder);
}
