using Speech.Core.Nn;
using Speech.Core.Training;
using Speech.Testing;
using TorchSharp;
using TorchSharp.Modules;
using static Speech.Core.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;
using OurAdamW = Speech.Core.Training.AdamW;
using TorchAdamW = TorchSharp.Modules.AdamW;

namespace Speech.Core.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class OptimizationMathTests
{
    [Theory]
    [InlineData(ScheduleKind.Linear, 5, 0.5)]      // warm-up: 5 / 10
    [InlineData(ScheduleKind.Linear, 10, 1.0)]
    [InlineData(ScheduleKind.Linear, 60, 0.5)]     // (60 - 10) / (110 - 10) = 0.5 of the decay
    [InlineData(ScheduleKind.Linear, 110, 0.0)]
    [InlineData(ScheduleKind.Cosine, 60, 0.5)]     // (1 + cos(pi/2)) / 2
    [InlineData(ScheduleKind.Cosine, 35, 0.8535534)] // (1 + cos(pi/4)) / 2
    [InlineData(ScheduleKind.Constant, 100, 1.0)]
    [InlineData(ScheduleKind.Noam, 10, 1.0)]       // min(10/10, sqrt(10/10))
    [InlineData(ScheduleKind.Noam, 40, 0.5)]       // sqrt(10/40)
    [InlineData(ScheduleKind.Noam, 5, 0.5)]        // 5/10
    public void Schedules_follow_their_closed_forms(ScheduleKind kind, long step, double expected) =>
        Assert.Equal(expected, LearningRateSchedule.Factor(kind, step, warmupSteps: 10, totalSteps: 110), 6);

    [Fact]
    public void AdamW_matches_torchsharps_reference_implementation()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var ours = nn.Linear(3, 2);
        var theirs = nn.Linear(3, 2);
        theirs.load_state_dict(ours.state_dict());
        using var optimizer = new OurAdamW(ours.named_parameters().Select(p => (p.name, p.parameter)), weightDecay: 0.1);
        // TorchSharp's AdamW decays every parameter it is given: give it the matrix with decay, the bias without.
        // It is the independent reference here, hidden Scalars and all (SPEECH001): six steps.
#pragma warning disable SPEECH001
        var reference = optim.AdamW(new[]
        {
            new TorchAdamW.ParamGroup(new[] { theirs.weight! }, 0.05, 0.9, 0.999, 1e-8, 0.1, false, false),
            new TorchAdamW.ParamGroup(new[] { theirs.bias! }, 0.05, 0.9, 0.999, 1e-8, 0.0, false, false),
        }, 0.05);
#pragma warning restore SPEECH001
        var x = randn(5, 3);
        for (int step = 0; step < 6; step++)
        {
            optimizer.ZeroGrad();
            ours.forward(x).pow(Scalars.Two).mean().backward();
            optimizer.Update(0.05);
            reference.zero_grad();
            theirs.forward(x).pow(Scalars.Two).mean().backward();
#pragma warning disable SPEECH001 // see above
            reference.step();
#pragma warning restore SPEECH001
        }
        Assert.True(ours.weight!.allclose(theirs.weight!, rtol: 1e-5, atol: 1e-6));
        Assert.True(ours.bias!.allclose(theirs.bias!, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(new[] { "weight" }, optimizer.DecayedNames);
    }

    [Fact]
    public void Frozen_parameters_get_no_state_and_do_not_move()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 2);
        model.bias!.requires_grad = false;
        var before = model.bias.clone();
        using var optimizer = new OurAdamW(model.named_parameters().Select(p => (p.name, p.parameter)));
        model.forward(ones(1, 2)).sum().backward();
        optimizer.Update(0.1);
        Assert.True(model.bias.equal(before).all().item<bool>());
        Assert.Equal(2, optimizer.StateTensors().Count); // exp_avg and exp_avg_sq of the weight only
    }

    [Fact]
    public void Ema_follows_its_recursion()
    {
        using var scope = NewDisposeScope();
        var parameter = new Parameter(zeros(1));
        using var ema = new ExponentialMovingAverage(new[] { ("p", parameter) }, decay: 0.9);
        using (no_grad()) parameter.fill_(Scalars.One);
        ema.Update(); // 0.9 x 0 + 0.1 x 1
        ema.Update(); // 0.9 x 0.1 + 0.1 x 1
        Assert.Equal(0.19f, ema.Shadows["p"].item<float>(), 6);
    }

    [Fact]
    public void Averaging_checkpoints_gives_the_mean_weights()
    {
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        var store = new CheckpointStore(temp.Path, keepLast: 5);
        float[] values = { 1, 3, 8 };
        for (int i = 0; i < 3; i++)
        {
            using var value = values[i].ToScalar();
            store.Save(new Dictionary<string, Tensor> { ["w"] = full(2, value), ["count"] = tensor(new long[] { i }) },
                new Dictionary<string, Tensor>(), new TrainerState { Step = i + 1 });
        }
        var average = CheckpointAveraging.Average(store.StepFolders().ToList());
        Assert.Equal(new[] { 4f, 4f }, average["w"].data<float>().ToArray());
        Assert.Equal(2L, average["count"].item<long>()); // integers come from the last checkpoint
    }

    [Fact]
    public void Bf16_training_keeps_float32_masters_and_learns()
    {
        using var temp = new TempDirectory();
        using var model = Model(1);
        var options = Options(temp.Path, 60) with { Precision = Precision.Bf16, CheckpointEvery = 0, LogEvery = 1 };
        new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(3), options).Run();
        Assert.Equal(ScalarType.BFloat16, model.parameters().First().dtype);
        var losses = File.ReadLines(Path.Combine(temp.Path, "metrics.jsonl"))
            .Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["mse"]!.GetValue<double>()).ToList();
        Assert.True(losses.TakeLast(5).Average() < 0.5 * losses.Take(5).Average(), $"bf16 loss did not fall: {losses[0]} -> {losses[^1]}");
        var optimizerState = Speech.Core.IO.SafetensorsFile.Open(Path.Combine(temp.Path, "checkpoints", "step-00000060", CheckpointStore.OptimizerFile));
        Assert.Contains(optimizerState.Entries.Values, e => e.Name.EndsWith(".master") && e.DType == "F32");
    }
}
