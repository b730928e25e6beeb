using Speech.Core.Training;
using Speech.Testing;
using static Speech.Core.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace Speech.Core.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class CheckpointStoreTests
{
    static CheckpointStore TrainedStore(TempDirectory temp, long steps)
    {
        using var model = Model(1);
        var options = Options(temp.Path, steps) with { KeepLast = 10 };
        new Trainer<RegressionBatch>(model, new RegressionObjective(model), new RegressionSource(3), options).Run();
        return new CheckpointStore(Path.Combine(temp.Path, "checkpoints"));
    }

    [Fact]
    public void A_checkpoint_half_written_when_the_process_died_is_never_picked()
    {
        using var temp = new TempDirectory();
        var store = TrainedStore(temp, 10);
        // A crash during the write of step 15: the temporary folder holds part of a model file.
        string partial = Path.Combine(store.Directory, ".tmp-step-00000015-4242");
        Directory.CreateDirectory(partial);
        File.WriteAllBytes(Path.Combine(partial, CheckpointStore.ModelFile), new byte[100]);
        Assert.EndsWith("step-00000010", store.Latest());
    }

    [Fact]
    public void A_damaged_latest_checkpoint_falls_back_to_the_previous_good_one()
    {
        using var temp = new TempDirectory();
        var store = TrainedStore(temp, 10);
        string latest = store.Latest()!;
        byte[] model = File.ReadAllBytes(Path.Combine(latest, CheckpointStore.ModelFile));
        File.WriteAllBytes(Path.Combine(latest, CheckpointStore.ModelFile), model[..(model.Length / 2)]); // torn file
        Assert.False(CheckpointStore.IsValid(latest));
        Assert.EndsWith("step-00000005", store.Latest());
    }

    [Fact]
    public void Keeps_the_last_k_and_the_best()
    {
        using var temp = new TempDirectory();
        var store = new CheckpointStore(temp.Path, keepLast: 2);
        using var scope = NewDisposeScope();
        var weights = new Dictionary<string, Tensor> { ["w"] = ones(2) };
        double[] metrics = { 5, 1, 4, 3, 2 }; // best (lowest) is step 2
        for (int step = 1; step <= 5; step++)
            store.Save(weights, new Dictionary<string, Tensor>(), new TrainerState { Step = step, Metric = metrics[step - 1] });

        var kept = store.StepFolders().Select(Path.GetFileName).ToList();
        Assert.Equal(new[] { "step-00000002", "step-00000004", "step-00000005" }, kept);
        Assert.EndsWith("step-00000002", store.Best());
        Assert.EndsWith("step-00000005", store.Latest());
    }
}
