using Speech.Core.Errors;
using Speech.Core.Nn;
using Speech.Core.Progress;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Mvq;

/// <summary>Trains a <see cref="MultiCodebookQuantizer"/> as the reference does: phase 1 with 2N
/// codebooks of 16, then <see cref="MultiCodebookQuantizer.ToProductQuantizer"/> fuses pairs into N
/// codebooks of 256 and phase 2 continues at half the learning rate. Each step refines the indexes 1
/// or 2 times (even odds) and minimises <see cref="QuantizerLoss.Total"/> with Adam (β 0.9/0.98,
/// ε 1e-9, weight decay 1e-6, here decoupled as in <see cref="AdamW"/>); the rate halves every
/// quarter phase.</summary>
public sealed class QuantizerTrainer : IDisposable
{
    const int PhaseOneCodebookSize = 16;
    readonly QuantizerTrainingOptions options;
    readonly Random random;
    AdamW optimizer;

    public QuantizerTrainer(int dim, QuantizerTrainingOptions options, Device? device = null)
    {
        if (options.BytesPerFrame is not (1 or 2 or 4 or 8 or 16 or 32))
            throw new ConfigException($"bytes per frame {options.BytesPerFrame}: must be 1, 2, 4, 8, 16 or 32");
        if (options.PhaseOneSteps < 0 || options.PhaseTwoSteps < 0 || options.BatchSize < 1)
            throw new ConfigException("quantizer training: steps must be at least 0 and the batch at least 1 frame");
        this.options = options;
        random = new Random(options.Seed);
        manual_seed(options.Seed);
        Quantizer = new MultiCodebookQuantizer(dim, PhaseOneCodebookSize, options.BytesPerFrame * 2);
        if (device is not null) Quantizer.to(device);
        optimizer = NewOptimizer();
        if (options.PhaseOneSteps == 0) BeginPhaseTwo();
    }

    /// <summary>The quantizer being trained (replaced by the fused one when phase 2 begins).</summary>
    public MultiCodebookQuantizer Quantizer { get; private set; }

    public int StepsTaken { get; private set; }

    public int TotalSteps => options.PhaseOneSteps + options.PhaseTwoSteps;

    public bool Done => StepsTaken >= TotalSteps;

    public int Phase => StepsTaken < options.PhaseOneSteps ? 1 : 2;

    /// <summary>One update on frames <c>[*, D]</c>; the losses before it (item values, for logging).</summary>
    public (double Total, double Reconstruction, double LogProb, double IndexEntropy) Step(Tensor frames)
    {
        if (Done) throw new InvalidOperationException("the quantizer's training is complete");
        using var scope = NewDisposeScope();
        Quantizer.train();
        int refinements = random.NextDouble() < 0.5 ? 2 : 1;
        using var loss = Quantizer.ComputeLoss(frames, refinements);
        var total = loss.Total();
        optimizer.ZeroGrad();
        total.backward();
        bool second = Phase == 2;
        int phaseSteps = second ? options.PhaseTwoSteps : options.PhaseOneSteps;
        int inPhase = second ? StepsTaken - options.PhaseOneSteps : StepsTaken;
        double rate = options.LearningRate * (second ? 0.5 : 1.0) * Math.Pow(0.5, inPhase / Math.Max(1, phaseSteps / 4));
        optimizer.Update(rate);
        StepsTaken++;
        var report = (total.item<float>(), loss.Reconstruction.item<float>(), loss.LogProb.item<float>(), loss.IndexEntropy.item<float>());
        if (StepsTaken == options.PhaseOneSteps) BeginPhaseTwo();
        return report;
    }

    /// <summary>Trains to the end on minibatches drawn (seeded) from <paramref name="frames"/>
    /// <c>[F, D]</c>, reporting every 100 steps; returns the fused quantizer (owned by the caller).</summary>
    public MultiCodebookQuantizer Train(Tensor frames, IProgress<WorkProgress>? progress = null)
    {
        long count = frames.shape[0];
        if (count < 2) throw new ConfigException($"quantizer training needs frames to learn from, got {count}");
        while (!Done)
        {
            using var scope = NewDisposeScope();
            var rows = new long[Math.Min(options.BatchSize, count)];
            for (int i = 0; i < rows.Length; i++) rows[i] = random.NextInt64(count);
            var batch = frames.index_select(0, tensor(rows, device: frames.device)).to(ScalarType.Float32);
            var losses = Step(batch);
            if (StepsTaken % 100 == 0 || Done)
                progress?.Report(new WorkProgress(StepsTaken, TotalSteps,
                    $"phase {(StepsTaken <= options.PhaseOneSteps ? 1 : 2)} loss {losses.Total:F4} relative error {losses.Reconstruction:F4}"));
        }
        var trained = Quantizer;
        Quantizer = null!;
        trained.eval();
        return trained;
    }

    /// <summary>Σ‖x̂ − x‖² / Σ‖x − x̄‖² over <paramref name="heldOut"/> <c>[F, D]</c> (x̄ its own mean)
    /// after 0, 1, …, <paramref name="maxRefinements"/> refinement passes.</summary>
    public static double[] RelativeErrors(MultiCodebookQuantizer quantizer, Tensor heldOut, int maxRefinements = 5)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var x = heldOut.to(ScalarType.Float32);
        double spread = x.sub(x.mean(new long[] { 0 }, keepdim: true)).pow(Scalars.Two).sum().item<float>();
        return Enumerable.Range(0, maxRefinements + 1).Select(r =>
        {
            using var inner = NewDisposeScope();
            var decoded = quantizer.Decode(quantizer.ComputeIndexes(x, r));
            return decoded.sub(x).pow(Scalars.Two).sum().item<float>() / Math.Max(spread, 1e-20);
        }).ToArray();
    }

    void BeginPhaseTwo()
    {
        var fused = Quantizer.ToProductQuantizer();
        Quantizer.Dispose();
        optimizer.Dispose();
        Quantizer = fused;
        optimizer = NewOptimizer();
    }

    AdamW NewOptimizer() => new(Quantizer.named_parameters(), 0.9, 0.98, 1e-9, 1e-6);

    public void Dispose()
    {
        optimizer.Dispose();
        Quantizer?.Dispose();
    }
}
