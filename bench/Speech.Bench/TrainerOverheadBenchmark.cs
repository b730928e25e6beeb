using System.Diagnostics;
using System.Text.Json.Nodes;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Bench;

/// <summary>The trainer's step time against a bare TorchSharp loop (forward, MSE, backward,
/// TorchSharp's AdamW) on the same MLP in the same process, plus the CPU's fp32 matmul peak
/// measured alongside, and the step's achieved FLOP/s as a fraction of it.</summary>
public static class TrainerOverheadBenchmark
{
    const int Batch = 256, Width = 512, Hidden = 2048, Steps = 30, Rounds = 3;

    public static void Run(string[] args, TextWriter output)
    {
        int threads = args.Length > 0 && int.TryParse(args[0], out int t) ? t : get_num_threads();
        set_num_threads(threads);
        var inputs = new List<Tensor>();
        manual_seed(0);
        for (int i = 0; i < 8; i++) inputs.Add(randn(Batch, Width).DetachFromDisposeScope());

        // Forward 2·B·(W·H + H·W) FLOPs; backward about twice that.
        double flopsPerStep = 3 * 2.0 * Batch * (2.0 * Width * Hidden);
        var bare = new List<double>();
        var trainer = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            bare.Add(TimeBare(inputs));
            trainer.Add(TimeTrainer(inputs));
        }
        double bareStep = Median(bare), trainerStep = Median(trainer);
        double peak = MatmulPeak();
        output.WriteLine($"threads                {threads}");
        output.WriteLine($"model                  MLP {Width}-{Hidden}-{Width}, batch {Batch}, {flopsPerStep / 1e9:F2} GFLOP per step");
        output.WriteLine($"bare TorchSharp loop   {bareStep * 1e3:F1} ms/step");
        output.WriteLine($"Trainer                {trainerStep * 1e3:F1} ms/step");
        output.WriteLine($"trainer / bare         {trainerStep / bareStep:F3} (overhead {(trainerStep / bareStep - 1) * 100:F1} %, target < 5 %)");
        output.WriteLine($"fp32 matmul peak       {peak / 1e9:F1} GFLOP/s (2048x2048)");
        output.WriteLine($"trainer step achieves  {flopsPerStep / trainerStep / 1e9:F1} GFLOP/s = {flopsPerStep / trainerStep / peak * 100:F1} % of peak");
    }

    static nn.Module<Tensor, Tensor> Model()
    {
        manual_seed(1);
        return nn.Sequential(nn.Linear(Width, Hidden), nn.GELU(), nn.Linear(Hidden, Width));
    }

    static double TimeBare(List<Tensor> inputs)
    {
        using var model = Model();
        // The baseline is TorchSharp's own loop by design, hidden Scalars and all (SPEECH001): the
        // trainer uses Speech.Core.Training.AdamW.
#pragma warning disable SPEECH001
        var optimizer = optim.AdamW(model.parameters(), 1e-4);
#pragma warning restore SPEECH001
        double Step(int i)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var x = inputs[i % inputs.Count];
            nn.functional.mse_loss(model.forward(x), x).backward();
#pragma warning disable SPEECH001 // see above
            optimizer.step();
#pragma warning restore SPEECH001
            return 0;
        }
        for (int i = 0; i < 3; i++) Step(i);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Steps; i++) Step(i);
        return clock.Elapsed.TotalSeconds / Steps;
    }

    static double TimeTrainer(List<Tensor> inputs)
    {
        using var model = Model();
        string directory = Path.Combine(Path.GetTempPath(), $"speech-bench-{Guid.NewGuid():N}");
        try
        {
            var options = new TrainerOptions
            {
                OutputDirectory = directory, MaxSteps = Steps + 3, LearningRate = 1e-4, ClipNorm = 0, Schedule = ScheduleKind.Constant,
                CheckpointEvery = 0, LogEvery = 1_000_000, TensorBoard = false,
            };
            var source = new CyclingSource(inputs);
            var objective = new ReconstructionObjective(model);
            var clock = new Stopwatch();
            var progress = new StepClock(done => { if (done == 3) clock.Restart(); if (done == Steps + 3) clock.Stop(); });
            // Checkpoint at the end is outside the timed window (the clock stops at the last step's report).
            new Trainer<Tensor>(model, objective, source, options).Run(progress);
            return clock.Elapsed.TotalSeconds / Steps;
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, true);
        }
    }

    static double MatmulPeak()
    {
        using var scope = NewDisposeScope();
        const int n = 2048;
        var a = randn(n, n);
        var b = randn(n, n);
        for (int i = 0; i < 2; i++) a.matmul(b).Dispose();
        var clock = Stopwatch.StartNew();
        const int repeats = 8;
        for (int i = 0; i < repeats; i++) a.matmul(b).Dispose();
        return repeats * 2.0 * n * n * n / clock.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    sealed class CyclingSource(List<Tensor> inputs) : IBatchSource<Tensor>
    {
        int position;
        public int Epoch => 0;
        public Tensor Next() => inputs[position++ % inputs.Count].alias(); // the trainer disposes nothing it does not own
        public JsonNode SaveState() => new JsonObject { ["position"] = position };
        public void RestoreState(JsonNode state) => position = state["position"]!.GetValue<int>();
    }

    sealed class ReconstructionObjective(nn.Module<Tensor, Tensor> model) : IObjective<Tensor>
    {
        public IReadOnlyList<LossTerm> Compute(Tensor batch) => new[] { new LossTerm("mse", nn.functional.mse_loss(model.forward(batch), batch)) };
    }

    sealed class StepClock(Action<long> onStep) : IProgress<Speech.Core.Progress.WorkProgress>
    {
        public void Report(Speech.Core.Progress.WorkProgress value) => onStep(value.Done);
    }
}
