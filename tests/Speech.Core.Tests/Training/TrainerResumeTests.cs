using Speech.Core.Training;
using Speech.Testing;
using static Speech.Core.Tests.Training.TrainingFixtures;

namespace Speech.Core.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class TrainerResumeTests
{
    static (TrainingResult Result, Dictionary<string, float[]> Weights) Train(string directory, long steps, int initSeed)
    {
        using var model = Model(initSeed);
        var trainer = new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(seed: 3), Options(directory, steps));
        var result = trainer.Run();
        return (result, Weights(model));
    }

    /// <summary>Runs towards <paramref name="steps"/> and is killed after step <paramref name="killAfter"/>.</summary>
    static void TrainAndKill(string directory, long steps, long killAfter)
    {
        using var model = Model(1);
        using var kill = new CancellationTokenSource();
        var trainer = new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(seed: 3), Options(directory, steps));
        var progress = new SynchronousProgress(p => { if (p.Done == killAfter) kill.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => trainer.Run(progress, kill.Token));
    }

    sealed class SynchronousProgress(Action<Speech.Core.Progress.WorkProgress> report) : IProgress<Speech.Core.Progress.WorkProgress>
    {
        public void Report(Speech.Core.Progress.WorkProgress value) => report(value);
    }

    [Fact]
    public void A_killed_and_resumed_run_ends_with_bitwise_the_same_weights()
    {
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        var (uninterrupted, expected) = Train(straight.Path, 20, initSeed: 1);

        TrainAndKill(interrupted.Path, 20, killAfter: 12);                 // checkpoint at 10; steps 11-12 are lost
        var (resumed, actual) = Train(interrupted.Path, 20, initSeed: 99); // other init: must be overwritten

        Assert.EndsWith("step-00000010", resumed.ResumedFrom);
        Assert.Equal(20, resumed.Steps);
        Assert.Equal(uninterrupted.LastLosses["loss"], resumed.LastLosses["loss"]);
        foreach (var (name, values) in expected) Assert.Equal(values, actual[name]);
    }

    [Fact]
    public void Rerunning_a_finished_run_trains_nothing()
    {
        using var temp = new TempDirectory();
        Train(temp.Path, 5, initSeed: 1);
        var (again, _) = Train(temp.Path, 5, initSeed: 1);
        Assert.True(again.AlreadyComplete);
    }

    [Fact]
    public void Metrics_log_reads_as_one_run_after_a_resume()
    {
        using var temp = new TempDirectory();
        Train(temp.Path, 10, initSeed: 1);
        File.AppendAllText(Path.Combine(temp.Path, "metrics.jsonl"), "{\"step\":12,\"loss\":1}\n{\"step\":1"); // logged, then killed
        Train(temp.Path, 20, initSeed: 1);
        var steps = File.ReadLines(Path.Combine(temp.Path, "metrics.jsonl"))
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["step"]!.GetValue<long>()).ToList();
        Assert.Equal(new long[] { 1, 5, 10, 11, 15, 20 }, steps);
    }

    [Fact]
    public void Resuming_with_other_options_is_refused()
    {
        using var temp = new TempDirectory();
        Train(temp.Path, 5, initSeed: 1);
        using var model = Model(1);
        var options = Options(temp.Path, 10) with { LearningRate = 0.5 };
        var trainer = new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(3), options);
        var error = Assert.Throws<Speech.Core.Errors.ConfigException>(() => trainer.Run());
        Assert.Contains("step-00000005", error.Message);
    }
}
