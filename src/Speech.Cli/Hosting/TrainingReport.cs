using Speech.Core.Training;

namespace Speech.Cli.Hosting;

/// <summary>The lines every training verb ends with: a finished run found complete, then steps and where the model went.</summary>
public static class TrainingReport
{
    public static void Print(TextWriter output, TrainingResult result, string modelFolder)
    {
        if (result.AlreadyComplete) output.WriteLine($"already trained to step {result.Steps} ({result.LastCheckpoint}); nothing to do");
        output.WriteLine($"{result.Steps} steps ({result.SkippedSteps} skipped); model written to {modelFolder}");
    }
}
