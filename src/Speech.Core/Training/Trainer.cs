using Speech.Core.Errors;
using Speech.Core.IO;
using Speech.Core.Nn;
using Speech.Core.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Core.Training;

/// <summary>The one training loop: batches from a resumable source, an objective's weighted loss
/// terms, gradient accumulation and clipping, AdamW with a warm-up schedule, a guard that skips
/// and counts non-finite steps, metrics, and checkpoints that a killed run resumes from exactly.
/// The model (and a frozen teacher inside the objective, if any) must already be on the device.</summary>
public sealed class Trainer<TBatch>
{
    readonly nn.Module model;
    readonly IObjective<TBatch> objective;
    readonly IBatchSource<TBatch> data;
    readonly TrainerOptions options;
    readonly Func<string>? modelConfigJson;

    /// <param name="modelConfigJson">Written into each checkpoint as config.json, so a checkpoint
    /// rebuilds its model alone.</param>
    public Trainer(nn.Module model, IObjective<TBatch> objective, IBatchSource<TBatch> data, TrainerOptions options, Func<string>? modelConfigJson = null)
    {
        if (options.GradientAccumulation < 1) throw new ConfigException($"gradient accumulation must be at least 1, not {options.GradientAccumulation}");
        this.model = model;
        this.objective = objective;
        this.data = data;
        this.options = options;
        this.modelConfigJson = modelConfigJson;
    }

    public string CheckpointDirectory => Path.Combine(options.OutputDirectory, "checkpoints");

    public TrainingResult Run(IProgress<WorkProgress>? progress = null, CancellationToken cancellation = default)
    {
        manual_seed(options.Seed);
        model.train(); // dropout on (models load in evaluation mode for decoding)
        var named = model.named_parameters().ToList();
        Dictionary<string, Tensor>? fp32Weights = null;
        if (options.Precision == Precision.Bf16)
        {
            fp32Weights = named.ToDictionary(p => p.name, p => p.parameter.detach().clone());
            ModelPrecision.Apply(model, Precision.Bf16);
            named = model.named_parameters().ToList();
        }
        using var optimizer = new AdamW(named, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, fp32Weights);
        if (fp32Weights is not null) foreach (var t in fp32Weights.Values) t.Dispose();
        using var ema = options.EmaDecay > 0 ? new ExponentialMovingAverage(named.Where(p => p.parameter.requires_grad), options.EmaDecay) : null;
        var store = new CheckpointStore(CheckpointDirectory, options.KeepLast);

        long step = 0, skipped = 0;
        string? resumedFrom = store.Latest();
        if (resumedFrom is not null) (step, skipped) = Restore(resumedFrom, optimizer, ema);
        if (step >= options.MaxSteps)
            return new TrainingResult(step, skipped, new Dictionary<string, double>(), resumedFrom, AlreadyComplete: true, resumedFrom);

        using var metrics = new MetricsLog(Path.Combine(options.OutputDirectory, "metrics.jsonl"), step,
            options.TensorBoard ? Path.Combine(options.OutputDirectory, "tensorboard") : null);
        var trainable = optimizer.Parameters.ToList();
        var lastLosses = new Dictionary<string, double>();
        string? lastCheckpoint = resumedFrom;
        int badInRow = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long firstStep = step;

        while (step < options.MaxSteps)
        {
            cancellation.ThrowIfCancellationRequested();
            step++;
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            var losses = Accumulate(out bool finite);
            double norm = options.ClipNorm > 0
                ? nn.utils.clip_grad_norm_(trainable, options.ClipNorm, 2.0)
                : nn.utils.clip_grad_norm_(trainable, double.PositiveInfinity, 2.0);
            double rate = options.LearningRate * LearningRateSchedule.Factor(options.Schedule, step, options.WarmupSteps, options.MaxSteps);

            if (!finite || !double.IsFinite(norm))
            {
                skipped++;
                badInRow++;
                optimizer.ZeroGrad();
                if (badInRow >= options.MaxBadStepsInRow)
                {
                    // The weights did not change during the bad steps: they are the last good ones.
                    string saved = Save(store, step, skipped, optimizer, ema);
                    throw new SpeechException($"training stopped at step {step}: {badInRow} steps in a row had a non-finite loss or gradient " +
                                              $"({skipped} skipped in all); the last good weights are in {saved}");
                }
            }
            else
            {
                optimizer.Update(rate);
                ema?.Update();
                badInRow = 0;
                lastLosses = losses;
            }

            if (step == firstStep + 1 || step % Math.Max(1, options.LogEvery) == 0 || step == options.MaxSteps)
            {
                var line = new Dictionary<string, double>(losses) { ["lr"] = rate, ["grad_norm"] = norm, ["skipped"] = skipped,
                    ["steps_per_s"] = (step - firstStep) / Math.Max(1e-9, clock.Elapsed.TotalSeconds), ["epoch"] = data.Epoch };
                metrics.Write(step, line);
            }
            progress?.Report(new WorkProgress(step, options.MaxSteps,
                $"loss {losses.GetValueOrDefault("loss", double.NaN):F4} lr {rate:E2}{(skipped > 0 ? $" skipped {skipped}" : "")}"));
            if (options.CheckpointEvery > 0 && step % options.CheckpointEvery == 0 || step == options.MaxSteps)
                lastCheckpoint = Save(store, step, skipped, optimizer, ema);
        }
        return new TrainingResult(step, skipped, lastLosses, resumedFrom, AlreadyComplete: false, lastCheckpoint);
    }

    /// <summary>Forward and backward over the accumulation batches; the named term values and their
    /// weighted total ("loss"), averaged over the batches.</summary>
    Dictionary<string, double> Accumulate(out bool finite)
    {
        var sums = new Dictionary<string, double>();
        finite = true;
        for (int micro = 0; micro < options.GradientAccumulation; micro++)
        {
            var batch = data.Next();
            try
            {
                var terms = objective.Compute(batch);
                Tensor? total = null;
                foreach (var term in terms)
                {
                    using var weight = term.Weight.ToScalar(); // explicit: see AdamW.Update
                    var weighted = term.Value.to(ScalarType.Float32).mul(weight);
                    total = total is null ? weighted : total.add(weighted, Scalars.One);
                    sums[term.Name] = sums.GetValueOrDefault(term.Name) + term.Value.to(ScalarType.Float64).item<double>() / options.GradientAccumulation;
                }
                if (total is null) throw new ConfigException("the objective returned no loss terms");
                double value = total.to(ScalarType.Float64).item<double>();
                sums["loss"] = sums.GetValueOrDefault("loss") + value / options.GradientAccumulation;
                if (!double.IsFinite(value)) { finite = false; continue; }
                using var share = ((double)options.GradientAccumulation).ToScalar();
                total.div(share).backward();
            }
            finally
            {
                (batch as IDisposable)?.Dispose();
            }
        }
        return sums;
    }

    string Save(CheckpointStore store, long step, long skipped, AdamW optimizer, ExponentialMovingAverage? ema)
    {
        using var scope = NewDisposeScope();
        var optimizerState = optimizer.StateTensors();
        if (ema is not null) foreach (var (name, shadow) in ema.Shadows) optimizerState[$"ema.{name}"] = shadow;
        var state = new TrainerState
        {
            Step = step, Epoch = data.Epoch, OptimizerStep = optimizer.Step, SkippedSteps = skipped,
            DataState = data.SaveState(), RngState = Convert.ToBase64String(get_rng_state().bytes.ToArray()),
            OptionsFingerprint = options.Fingerprint(),
        };
        return store.Save(model.state_dict(), optimizerState, state, modelConfigJson?.Invoke());
    }

    (long Step, long Skipped) Restore(string folder, AdamW optimizer, ExponentialMovingAverage? ema)
    {
        var state = CheckpointStore.ReadState(folder);
        if (state.OptionsFingerprint != options.Fingerprint())
            throw new ConfigException($"{folder}: the checkpoint was trained with other options ({state.OptionsFingerprint}) than this run ({options.Fingerprint()}); " +
                                      "use a new --out folder or the original options");
        SafetensorsState.LoadInto(model, new[] { SafetensorsFile.Open(Path.Combine(folder, CheckpointStore.ModelFile)) });
        var optimizerFile = SafetensorsFile.Open(Path.Combine(folder, CheckpointStore.OptimizerFile));
        Tensor? Load(string name) => optimizerFile.Entries.ContainsKey(name) ? optimizerFile.Load(name) : null;
        optimizer.LoadState(Load, state.OptimizerStep, optimizerFile.Path);
        if (ema is not null)
        {
            var shadows = optimizerFile.Entries.Keys.Where(k => k.StartsWith("ema.", StringComparison.Ordinal))
                .ToDictionary(k => k[4..], k => optimizerFile.Load(k));
            ema.Load(shadows);
            foreach (var t in shadows.Values) t.Dispose();
        }
        if (state.DataState is not null) data.RestoreState(state.DataState);
        if (state.RngState.Length > 0)
        {
            using var rng = get_rng_state();
            rng.bytes = Convert.FromBase64String(state.RngState);
            set_rng_state(rng);
        }
        return (state.Step, state.SkippedSteps);
    }
}
