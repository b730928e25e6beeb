using Speech.Asr.Mvq;
using static TorchSharp.torch;

namespace Speech.Asr.Tests.Mvq;

public sealed class QuantizerTrainerTests
{
    /// <summary>The acceptance check of issue 27 on methods.md §2.4's setup, made smaller for CI:
    /// 4 bytes per frame (phase 1: 8 × 16, phase 2: 4 × 256) on non-Gaussian vectors; on held-out
    /// frames the relative error falls as refinement goes 0 → 5 and the trained quantizer beats the
    /// untrained one.</summary>
    [Fact]
    public void Held_out_error_falls_with_refinement_after_two_phase_training()
    {
        using var frames = SyntheticEmbeddings.Make(3000, 16, seed: 11);
        using var train = frames.narrow(0, 0, 2500);
        using var heldOut = frames.narrow(0, 2500, 500);
        var options = new QuantizerTrainingOptions { BytesPerFrame = 4, PhaseOneSteps = 100, PhaseTwoSteps = 60, BatchSize = 128, Seed = 3 };
        using var trainer = new QuantizerTrainer(16, options);
        double[] untrained = QuantizerTrainer.RelativeErrors(trainer.Quantizer, heldOut);
        using var quantizer = trainer.Train(train);
        Assert.Equal((256, 4), (quantizer.CodebookSize, quantizer.NumCodebooks));
        double[] errors = QuantizerTrainer.RelativeErrors(quantizer, heldOut);
        string shown = string.Join(", ", errors.Select(e => e.ToString("F4")));
        Assert.True(errors[5] < errors[0] * 0.9, $"relative errors for 0..5 refinements: {shown}");
        for (int r = 1; r <= 5; r++) Assert.True(errors[r] <= errors[r - 1] * 1.01, $"refinement {r} made it worse: {shown}");
        Assert.True(errors[5] < 0.5 && errors[5] < untrained[5], $"trained {shown}; untrained {untrained[5]:F4}");
    }

    [Fact]
    public void Phase_two_starts_from_the_fused_phase_one_quantizer()
    {
        using var frames = SyntheticEmbeddings.Make(300, 8, seed: 2);
        var options = new QuantizerTrainingOptions { BytesPerFrame = 2, PhaseOneSteps = 3, PhaseTwoSteps = 2, BatchSize = 64, Seed = 1 };
        using var trainer = new QuantizerTrainer(8, options);
        string id = trainer.Quantizer.Id;
        Assert.Equal((16, 4), (trainer.Quantizer.CodebookSize, trainer.Quantizer.NumCodebooks));
        for (int i = 0; i < 3; i++) trainer.Step(frames);
        Assert.Equal((256, 2, 2), (trainer.Quantizer.CodebookSize, trainer.Quantizer.NumCodebooks, trainer.Phase));
        Assert.Equal(id, trainer.Quantizer.Id);
        var losses = trainer.Step(frames);
        Assert.True(double.IsFinite(losses.Total));
    }
}
